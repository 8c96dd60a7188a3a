namespace FastData.Grains.Pipeline;

/// <summary>Where failed aggregations are recorded (the errors collection).</summary>
public interface IAggregationErrorSink
{
    ValueTask RecordAsync(AggregationError error, CancellationToken cancellationToken);
}
