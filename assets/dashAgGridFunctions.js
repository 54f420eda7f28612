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

// The number filters compare what the table shows: a rate as a percentage (30 is 30 %),
// typed the Belgian way (30,5 or 1.234) or with a decimal point.
dagfuncs.pctForFilter = function (params) {
  var v = params.data ? params.data[params.colDef.field] : null;
  return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
};
dagfuncs.parseNlNumber = function (text) {
  if (text === null || text === undefined) {
    return null;
  }
  var t = String(text).replace(/[\s%]/g, "");
  if (t === "") {
    return null;
  }
  if (t.indexOf(",") >= 0 || /^-?\d{1,3}(\.\d{3})+$/.test(t)) {
    t = t.replace(/\./g, "").replace(",", ".");
  }
  var n = Number(t);
  return isNaN(n) ? null : n;
};
