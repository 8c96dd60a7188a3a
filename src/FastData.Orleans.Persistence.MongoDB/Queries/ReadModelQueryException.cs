namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// A read-model query was rejected before reaching MongoDB. <see cref="Path"/> locates the offending input, e.g.
/// <c>filter.$or[1].amount.$where</c>, <c>equal.status</c>, <c>sort[0]</c>, <c>fields[2]</c>, <c>limit</c>.
/// </summary>
public sealed class ReadModelQueryException : Exception
{
    /// <summary>Creates the exception for the input at <paramref name="path"/>.</summary>
    public ReadModelQueryException(string path, string reason)
        : base($"Invalid query at '{path}': {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Where in the query the problem is.</summary>
    public string Path { get; }

    /// <summary>What is wrong there.</summary>
    public string Reason { get; }
}
