// Cell formatters for the municipality table (nl-BE numbers; hidden cells say why).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
var nlNumber = new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 0 });
var nlPct = new Intl.NumberFormat("nl-BE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function isHidden(params) {
  var h = (params.data && params.data.hidden) || "";
  return h.split(",").indexOf(params.colDef.field) >= 0;
}
dagfuncs.fmtCount = function (params, hiddenText) {
  if (params.value === null || params.value === undefined) {
    return isHidden(params) ? hiddenText : "–";
  }
  return nlNumber.format(params.value);
};
dagfuncs.fmtPct = function (params, hiddenText) {
  if (params.value === null || params.value === undefined) {
    return isHidden(params) ? hiddenText : "–";
  }
  return nlPct.format(params.value * 100) + " %";
};
dagfuncs.hiddenTooltip = function (params, reason) {
  return isHidden(params) ? reason : undefined;
};
