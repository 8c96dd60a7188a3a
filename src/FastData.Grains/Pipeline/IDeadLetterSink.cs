namespace FastData.Grains.Pipeline;

/// <summary>Where events that cannot be applied go (the Kafka dead-letter topic in a running host).</summary>
public interface IDeadLetterSink
{
    ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken);
}
