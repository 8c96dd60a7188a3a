using FastData.Grains.Pipeline;

namespace FastData.Bench;

/// <summary>Sinks that only count (the in-memory ones keep every document, which a long run cannot afford).</summary>
internal sealed class CountingSinks : IDeadLetterSink, ISingleViewChangeSink, IAggregationErrorSink
{
    private long _deadLetters;
    private long _changes;
    private long _errors;

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public long Changes => Interlocked.Read(ref _changes);

    public long Errors => Interlocked.Read(ref _errors);

    public ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deadLetters);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishAsync(SingleViewChange change, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _changes);
        return ValueTask.CompletedTask;
    }

    public ValueTask RecordAsync(AggregationError error, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _errors);
        return ValueTask.CompletedTask;
    }
}
