namespace FastData.Grains.Pipeline;

/// <summary>Announces single-view changes (the single view's Kafka topic in a running host).</summary>
public interface ISingleViewChangeSink
{
    ValueTask PublishAsync(SingleViewChange change, CancellationToken cancellationToken);
}
