namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Bounds that keep an untrusted query cheap.</summary>
public sealed record ReadModelQueryLimits
{
    /// <summary>The page size when the query gives none.</summary>
    public int DefaultLimit { get; init; } = 100;

    /// <summary>The largest page; larger limits are lowered to it.</summary>
    public int MaxLimit { get; init; } = 500;

    /// <summary>The largest skip accepted (deep skips scan; page by a sorted field instead).</summary>
    public int MaxSkip { get; init; } = 100_000;

    /// <summary>The deepest nesting of <c>$and</c>/<c>$or</c> accepted.</summary>
    public int MaxFilterDepth { get; init; } = 8;

    /// <summary>The most values in one <c>$in</c>/<c>$nin</c> list.</summary>
    public int MaxInValues { get; init; } = 500;

    /// <summary>The longest filter text accepted, in characters.</summary>
    public int MaxFilterLength { get; init; } = 16_384;

    /// <summary>The most sort keys.</summary>
    public int MaxSortFields { get; init; } = 8;

    /// <summary>The most projected fields.</summary>
    public int MaxProjectedFields { get; init; } = 200;
}
