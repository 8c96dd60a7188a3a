using Confluent.Kafka;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// The records of one assigned partition between the shared consumer thread (which adds) and the partition's receiver
/// (which drains). Bounded softly: above the high mark the consumer pauses the partition, below the low mark it resumes.
/// </summary>
internal sealed class PartitionFeed(TopicPartition topicPartition, int highMark)
{
    private readonly Lock _gate = new();
    private readonly Queue<ConsumeResult<byte[], byte[]>> _records = new();
    private readonly int _lowMark = Math.Max(highMark / 2, 1);
    private long _nextOffset = -1;
    private TaskCompletionSource? _arrival;

    public TopicPartition TopicPartition { get; } = topicPartition;

    private volatile bool _active;

    /// <summary>True once the partition's assignment was applied; records routed before that are from an older assignment.</summary>
    public bool IsActive => _active;

    public void Activate() => _active = true;

    /// <summary>True while the consumer has the partition paused because the feed is full.</summary>
    public bool Paused { get; private set; }

    /// <summary>The offset after the last record added (the consumer's position), or -1 before the first record.</summary>
    public long NextOffset => Volatile.Read(ref _nextOffset);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Adds a record; returns true when the partition should now be paused.</summary>
    public bool Add(ConsumeResult<byte[], byte[]> record)
    {
        lock (_gate)
        {
            // After a pause/resume librdkafka may fetch again from its position: drop what we already have.
            if (record.Offset.Value < _nextOffset)
            {
                return false;
            }

            _records.Enqueue(record);
            Volatile.Write(ref _nextOffset, record.Offset.Value + 1);
            // Asynchronous continuations: the waiting pull resumes on Orleans' scheduler, never on the consumer thread.
            _arrival?.TrySetResult();
            _arrival = null;
            if (!Paused && _records.Count >= highMark)
            {
                Paused = true;
                return true;
            }

            return false;
        }
    }

    /// <summary>Completes when a record is buffered: at once if one already is, else when the next one is added.</summary>
    public Task WhenRecordsAsync()
    {
        lock (_gate)
        {
            if (_records.Count > 0)
            {
                return Task.CompletedTask;
            }

            _arrival ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _arrival.Task;
        }
    }

    /// <summary>Moves up to <paramref name="max"/> records into <paramref name="into"/>; returns true when the partition should be resumed.</summary>
    public bool Drain(int max, List<ConsumeResult<byte[], byte[]>> into)
    {
        lock (_gate)
        {
            var count = Math.Min(max, _records.Count);
            for (var i = 0; i < count; i++)
            {
                into.Add(_records.Dequeue());
            }

            if (Paused && _records.Count <= _lowMark)
            {
                Paused = false;
                return true;
            }

            return false;
        }
    }
}
