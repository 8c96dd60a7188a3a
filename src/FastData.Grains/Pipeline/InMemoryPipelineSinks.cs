using System.Collections.Concurrent;

namespace FastData.Grains.Pipeline;

/// <summary>
/// Keeps what the pipeline emits in memory: the most recent dead letters, single-view changes and aggregation
/// errors (bounded, oldest dropped), and totals. Used by tests and by a host without Kafka output.
/// </summary>
public sealed class InMemoryPipelineSinks : IDeadLetterSink, ISingleViewChangeSink, IAggregationErrorSink
{
    private const int Capacity = 10_000;
    private readonly ConcurrentQueue<DeadLetter> _deadLetters = new();
    private readonly ConcurrentQueue<SingleViewChange> _changes = new();
    private readonly ConcurrentQueue<AggregationError> _errors = new();
    private long _changeCount;

    public IReadOnlyCollection<DeadLetter> DeadLetters => _deadLetters;

    public IReadOnlyCollection<SingleViewChange> Changes => _changes;

    public IReadOnlyCollection<AggregationError> Errors => _errors;

    /// <summary>Every single-view change published since start, including those no longer kept.</summary>
    public long ChangeCount => Interlocked.Read(ref _changeCount);

    public ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken) => Keep(_deadLetters, deadLetter);

    public ValueTask PublishAsync(SingleViewChange change, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _changeCount);
        return Keep(_changes, change);
    }

    public ValueTask RecordAsync(AggregationError error, CancellationToken cancellationToken) => Keep(_errors, error);

    private static ValueTask Keep<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        while (queue.Count > Capacity && queue.TryDequeue(out _))
        {
        }

        return ValueTask.CompletedTask;
    }
}
