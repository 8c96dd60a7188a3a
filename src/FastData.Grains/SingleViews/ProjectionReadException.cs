namespace FastData.Grains.SingleViews;

/// <summary>Reading projection records for an aggregation failed (storage unreachable, a timeout): unlike an error of
/// the aggregation itself, which would repeat whatever is retried, the run fails and the refresh that asked for it is
/// owed by the projection grain.</summary>
public sealed class ProjectionReadException(string projection, Exception inner)
    : Exception($"Reading records of '{projection}' for an aggregation failed: {inner.Message}", inner)
{
    public string Projection { get; } = projection;
}
