namespace FastData.Host.Apis;

/// <summary>Descriptions shared by the OpenAPI entries of single views and projections.</summary>
internal static class ApiText
{
    public const string KeyDescription =
        "The key is the canonical key: the key values in declared order joined by '|', with '%' and '|' inside a value " +
        "escaped as %25 and %7C, then URL-encoded as a path segment (so '|' is sent as %7C and an escaped '|' as %257C). " +
        "Example: customer 3 of shop 'a|b' is 'a%7Cb|3' canonically and /a%257Cb%7C3 in the URL. " +
        "Answers with an ETag; send If-None-Match to get 304 when unchanged. A key that is literally 'count' is read " +
        "with the list endpoint and _id=count (the path /{name}/count is the count endpoint).";

    public const string ListDescription =
        "Filters: field=value (equality, value converted to the field's declared type); _q = a JSON filter with " +
        "$eq $ne $gt $gte $lt $lte $in $nin $exists $and $or on declared fields; _s = comma-separated sort fields, " +
        "'-' for descending; _l = page size (capped); _sk = documents to skip; _p = comma-separated fields to return. " +
        "Each item carries _id, its canonical key. Invalid input gets 400 naming the parameter and the path in it.";

    public const string CountDescription = "Counts the documents matching field=value and _q filters (same rules as the list).";
}
