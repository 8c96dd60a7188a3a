namespace FastData.Grains.Pipeline;

/// <summary>An aggregation that failed: the single view keeps its previous document until a later run succeeds.</summary>
public sealed record AggregationError(string SingleViewName, string Key, string Error, DateTimeOffset At);
