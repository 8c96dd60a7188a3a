namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>One sort key.</summary>
/// <param name="Field">A declared field path.</param>
/// <param name="Descending">True to sort from high to low.</param>
public sealed record ReadModelSort(string Field, bool Descending = false);

/// <summary>
/// A read-model query as an API receives it: untrusted input, validated and translated by
/// <see cref="ReadModelQueryTranslator"/> before MongoDB sees anything.
/// </summary>
public sealed record ReadModelQuery
{
    /// <summary>Equality filters with values in text form (as in a query string), converted by the declared field type.</summary>
    public IReadOnlyDictionary<string, string>? Equal { get; init; }

    /// <summary>
    /// A JSON filter document restricted to <c>$eq $ne $gt $gte $lt $lte $in $nin $exists $and $or</c> on declared
    /// fields, e.g. <c>{"$or":[{"status":"open"},{"amount":{"$gte":10}}]}</c>.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>Sort keys, applied in order.</summary>
    public IReadOnlyList<ReadModelSort>? Sort { get; init; }

    /// <summary>The most documents to return; null for the default; values above the cap are lowered to it.</summary>
    public int? Limit { get; init; }

    /// <summary>How many matching documents to skip.</summary>
    public int Skip { get; init; }

    /// <summary>Fields to return (<c>_id</c> always comes back); null or empty for whole documents.</summary>
    public IReadOnlyList<string>? Fields { get; init; }
}
