-- key/value facts about the published data version
select key, value from meta
