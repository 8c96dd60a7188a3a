using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// One Kafka consumer per provider per silo, shared by all of the silo's partition receivers. Partitions are added and
/// removed with incremental assign as Orleans' balancer hands queues to this silo (no group subscription, so no group
/// rebalances); a dedicated thread polls and routes each record to its partition's feed. Offsets are committed under the
/// group id by a separate loop, so a slow commit never stalls consumption.
/// </summary>
internal sealed partial class KafkaConsumerHub : ILagSource, IAsyncDisposable
{
    private readonly KafkaStreamOptions _options;
    private readonly string _providerName;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<TopicPartition, PartitionFeed> _feeds = new();
    private readonly ConcurrentQueue<(AssignmentChange Change, TopicPartition TopicPartition)> _commands = new();
    private readonly ConcurrentDictionary<TopicPartition, long> _pendingCommits = new();
    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly ConcurrentDictionary<TopicPartition, long> _committed = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private IConsumer<byte[], byte[]>? _consumer;
    private Thread? _pollThread;
    private Task? _commitLoop;

    public KafkaConsumerHub(KafkaStreamOptions options, string providerName, ILogger logger)
    {
        _options = options;
        _providerName = providerName;
        _logger = logger;
        KafkaMetrics.Register(this);
    }

    /// <summary>Starts consuming <paramref name="topicPartition"/> from its committed offset (or the configured start).</summary>
    public PartitionFeed Attach(TopicPartition topicPartition)
    {
        EnsureStarted();
        var feed = new PartitionFeed(topicPartition, _options.MaxBufferedRecordsPerPartition);
        var replaced = false;
        _feeds.AddOrUpdate(topicPartition, feed, (_, _) =>
        {
            replaced = true;
            return feed;
        });
        if (replaced)
        {
            // A new receiver took the partition before the old one let go: assign it afresh so that it restarts from the
            // committed offset; whatever the old feed buffered is read again rather than skipped.
            _commands.Enqueue((AssignmentChange.Unassign, topicPartition));
        }

        // Offset.Stored: librdkafka fetches the group's committed offset and applies auto.offset.reset when there is none.
        _commands.Enqueue((AssignmentChange.Assign, topicPartition));
        LogInformationAttached(_providerName, topicPartition.Topic, topicPartition.Partition.Value);
        return feed;
    }

    /// <summary>Stops consuming the feed's partition after committing <paramref name="finalOffset"/> (when not null).</summary>
    public async Task DetachAsync(PartitionFeed feed, long? finalOffset, TimeSpan timeout)
    {
        if (finalOffset is { } offset)
        {
            RequestCommit(feed.TopicPartition, offset);
            await CommitPendingAsync(timeout).ConfigureAwait(false);
        }

        // Only the current feed releases the partition: a replaced one must not unassign its successor.
        if (_feeds.TryRemove(KeyValuePair.Create(feed.TopicPartition, feed)))
        {
            _commands.Enqueue((AssignmentChange.Unassign, feed.TopicPartition));
        }

        LogInformationDetached(_providerName, feed.TopicPartition.Topic, feed.TopicPartition.Partition.Value, finalOffset ?? -1);
    }

    /// <summary>Asks for <paramref name="offset"/> (the next offset to read) to be committed at the next commit round.</summary>
    public void RequestCommit(TopicPartition topicPartition, long offset) =>
        _pendingCommits.AddOrUpdate(topicPartition, offset, (_, previous) => Math.Max(previous, offset));

    public void Resume(TopicPartition topicPartition) => _commands.Enqueue((AssignmentChange.Resume, topicPartition));

    /// <summary>The offset last committed by this hub for the partition, or null.</summary>
    public long? CommittedOffset(TopicPartition topicPartition) => _committed.TryGetValue(topicPartition, out var offset) ? offset : null;

    public IEnumerable<Measurement<long>> ObserveLag()
    {
        var consumer = _consumer;
        if (consumer is null)
        {
            yield break;
        }

        foreach (var feed in _feeds.Values)
        {
            WatermarkOffsets? watermarks = null;
            try
            {
                watermarks = consumer.GetWatermarkOffsets(feed.TopicPartition);
            }
            catch (KafkaException)
            {
                // Not known yet: no measurement for this partition.
            }

            var next = feed.NextOffset;
            if (watermarks is null || watermarks.High.Value < 0 || next < 0)
            {
                continue;
            }

            yield return new Measurement<long>(
                Math.Max(0, watermarks.High.Value - next + feed.Count),
                new KeyValuePair<string, object?>("provider", _providerName),
                new KeyValuePair<string, object?>("topic", feed.TopicPartition.Topic),
                new KeyValuePair<string, object?>("partition", feed.TopicPartition.Partition.Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        KafkaMetrics.Unregister(this);
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await CommitPendingAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_commitLoop is not null)
        {
            await _commitLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _pollThread?.Join(TimeSpan.FromSeconds(10));
        var consumer = _consumer;
        if (consumer is not null)
        {
            // Close leaves no group membership behind (there is none with assign) and releases the broker connections.
            await Task.Run(() =>
            {
                try
                {
                    consumer.Close();
                }
                catch (KafkaException exception)
                {
                    LogWarningCloseFailed(_providerName, exception);
                }

                consumer.Dispose();
            }).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void EnsureStarted()
    {
        if (_consumer is not null)
        {
            return;
        }

        lock (_startGate)
        {
            if (_consumer is not null)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientSettings.Consumer(_options, _providerName))
                .SetErrorHandler((_, error) => LogWarningConsumerError(_providerName, error.Code, error.Reason, error.IsFatal))
                .SetLogHandler((_, message) => LogDebugLibrdkafka(_providerName, message.Facility, message.Message))
                .Build();
            _pollThread = new Thread(PollLoop) { IsBackground = true, Name = $"kafka-poll-{_providerName}" };
            _pollThread.Start();
            _commitLoop = Task.Run(CommitLoopAsync);
        }
    }

    private void PollLoop()
    {
        var consumer = _consumer!;
        var token = _stopping.Token;
        var pollTimeout = TimeSpan.FromMilliseconds(50);
        while (!token.IsCancellationRequested)
        {
            if (!_commands.IsEmpty)
            {
                ApplyAssignmentChanges(consumer);
            }

            ConsumeResult<byte[], byte[]>? result;
            try
            {
                result = consumer.Consume(pollTimeout);
            }
            catch (ConsumeException exception)
            {
                LogWarningConsumeFailed(_providerName, exception.Error.Code, exception.Error.Reason);
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (_feeds.TryGetValue(result.TopicPartition, out var feed) && feed.IsActive && feed.Add(result))
            {
                consumer.Pause([result.TopicPartition]);
            }
        }
    }

    /// <summary>
    /// Applies queued changes in as few calls as possible: when a silo takes 64 partitions at start-up, one incremental
    /// assign (one offset fetch) instead of 64.
    /// </summary>
    private void ApplyAssignmentChanges(IConsumer<byte[], byte[]> consumer)
    {
        // Net effect per partition, in command order. A partition released and taken again in one batch is unassigned and
        // assigned again, so that it restarts from its committed offset (its old feed and what it buffered are gone).
        var wanted = new Dictionary<TopicPartition, bool>();
        var release = new HashSet<TopicPartition>();
        var resume = new HashSet<TopicPartition>();
        while (_commands.TryDequeue(out var command))
        {
            switch (command.Change)
            {
                case AssignmentChange.Assign:
                    wanted[command.TopicPartition] = true;
                    break;
                case AssignmentChange.Unassign:
                    wanted[command.TopicPartition] = false;
                    if (_assigned.Contains(command.TopicPartition))
                    {
                        release.Add(command.TopicPartition);
                    }

                    break;
                default:
                    resume.Add(command.TopicPartition);
                    break;
            }
        }

        if (release.Count > 0)
        {
            Try(() => consumer.IncrementalUnassign(release.ToList()));
            _assigned.ExceptWith(release);
        }

        // Offset.Stored: librdkafka fetches the group's committed offset and applies auto.offset.reset when there is none.
        var assign = wanted.Where(w => w.Value && !_assigned.Contains(w.Key)).Select(w => new TopicPartitionOffset(w.Key, Offset.Stored)).ToList();
        if (assign.Count > 0)
        {
            Try(() => consumer.IncrementalAssign(assign));
            _assigned.UnionWith(assign.Select(a => a.TopicPartition));
        }

        // Only now may the feeds take records: anything routed before came from a previous assignment's position.
        foreach (var (topicPartition, isWanted) in wanted)
        {
            if (isWanted && _feeds.TryGetValue(topicPartition, out var feed))
            {
                feed.Activate();
            }
        }

        resume.IntersectWith(_assigned);
        if (resume.Count > 0)
        {
            Try(() => consumer.Resume(resume.ToList()));
        }

        void Try(Action change)
        {
            try
            {
                change();
            }
            catch (KafkaException exception)
            {
                LogErrorAssignmentCommand(_providerName, exception);
            }
        }
    }

    private async Task CommitLoopAsync()
    {
        var token = _stopping.Token;
        using var timer = new PeriodicTimer(_options.CommitInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                await CommitPendingAsync(Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final commit happens in DisposeAsync.
        }
    }

    /// <summary>Commits every requested offset that is ahead of what was committed.</summary>
    private async Task CommitPendingAsync(TimeSpan timeout)
    {
        var consumer = _consumer;
        if (consumer is null || !await _commitGate.WaitAsync(timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var offsets = new List<TopicPartitionOffset>();
            foreach (var (topicPartition, offset) in _pendingCommits)
            {
                if (!_committed.TryGetValue(topicPartition, out var done) || done < offset)
                {
                    offsets.Add(new TopicPartitionOffset(topicPartition, offset));
                }
            }

            if (offsets.Count == 0)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                // Commit is synchronous in librdkafka; keep it off the caller's thread.
                await Task.Run(() => consumer.Commit(offsets)).ConfigureAwait(false);
                foreach (var committed in offsets)
                {
                    _committed.AddOrUpdate(committed.TopicPartition, committed.Offset.Value, (_, previous) => Math.Max(previous, committed.Offset.Value));
                }

                KafkaMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("provider", _providerName));
                LogDebugCommitted(_providerName, offsets.Count);
            }
            catch (KafkaException exception)
            {
                KafkaMetrics.CommitFailures.Add(1, new KeyValuePair<string, object?>("provider", _providerName));
                LogWarningCommitFailed(_providerName, exception.Error.Code, exception.Error.Reason);
            }
        }
        finally
        {
            _commitGate.Release();
        }
    }

    private enum AssignmentChange
    {
        Assign,
        Unassign,
        Resume,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider}: consuming {Topic}/{Partition}")]
    private partial void LogInformationAttached(string provider, string topic, int partition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider}: released {Topic}/{Partition}, final commit at offset {Offset}")]
    private partial void LogInformationDetached(string provider, string topic, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: consumer error {Code}: {Reason} (fatal: {IsFatal})")]
    private partial void LogWarningConsumerError(string provider, ErrorCode code, string reason, bool isFatal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kafka stream provider {Provider}: librdkafka {Facility}: {Message}")]
    private partial void LogDebugLibrdkafka(string provider, string facility, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: consume failed with {Code}: {Reason}; continuing")]
    private partial void LogWarningConsumeFailed(string provider, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka stream provider {Provider}: changing the partition assignment failed")]
    private partial void LogErrorAssignmentCommand(string provider, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kafka stream provider {Provider}: committed offsets of {Count} partition(s)")]
    private partial void LogDebugCommitted(string provider, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: committing offsets failed with {Code}: {Reason}; retrying at the next interval")]
    private partial void LogWarningCommitFailed(string provider, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: closing the consumer failed")]
    private partial void LogWarningCloseFailed(string provider, Exception exception);
}
