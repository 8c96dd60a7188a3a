using Confluent.Kafka;
using FastData.Orleans.Streaming.Kafka.Formats;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// Reads one topic-partition for Orleans: drains the partition's feed, decodes each record once, groups the events by
/// stream key into batch containers, dead-letters what cannot be decoded, and commits the offset up to which everything
/// was delivered.
/// </summary>
internal sealed partial class KafkaQueueAdapterReceiver : IQueueAdapterReceiver, IDeliveryListener
{
    private static readonly IList<IBatchContainer> s_nothing = Array.Empty<IBatchContainer>();

    /// <summary>Empty pulls in a row after which a partition counts as idle and its pulls wait for records.</summary>
    internal const int EmptyPullsBeforeWaiting = 2;

    private readonly string _providerName;
    private readonly QueueId _queueId;
    private readonly TopicBinding _binding;
    private readonly TopicPartition _topicPartition;
    private readonly KafkaConsumerHub _hub;
    private readonly DeadLetterWriter _deadLetters;
    private readonly KafkaProducerHost _producer;
    private readonly DeliveryRelay _relay;
    private readonly KafkaStreamOptions _options;
    private readonly ILogger _logger;
    private readonly IKafkaIngestionPause? _pause;
    private readonly DeliveryLedger _ledger = new();
    private readonly List<ConsumeResult<byte[], byte[]>> _scratch = [];
    private readonly Dictionary<string, EventGroup> _groupsByKey = new(StringComparer.Ordinal);
    private readonly List<EventGroup> _groups = [];
    private readonly Queue<KafkaBatchContainer> _carry = new();
    private readonly KeyValuePair<string, object?>[] _tags;
    private PartitionFeed? _feed;
    private long _lastCommitRequested = -1;
    private int _emptyPulls;

    public KafkaQueueAdapterReceiver(string providerName, QueueId queueId, TopicBinding binding, int partition, KafkaConsumerHub hub, DeadLetterWriter deadLetters, KafkaProducerHost producer, DeliveryRelay relay, KafkaStreamOptions options, ILogger logger, IKafkaIngestionPause? pause = null)
    {
        _pause = pause;
        _providerName = providerName;
        _queueId = queueId;
        _relay = relay;
        _binding = binding;
        _topicPartition = new TopicPartition(binding.Topic, partition);
        _hub = hub;
        _deadLetters = deadLetters;
        _producer = producer;
        _options = options;
        _logger = logger;
        _tags = [new("provider", providerName), new("topic", binding.Topic)];
    }

    public Task Initialize(TimeSpan timeout)
    {
        _feed = _hub.Attach(_topicPartition);
        _relay.Attach(_queueId, this);
        return Task.CompletedTask;
    }

    /// <summary>Records read from Kafka and not yet taken by a pull.</summary>
    internal int BufferedRecords => _feed?.Count ?? 0;

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var feed = _feed ?? throw new InvalidOperationException($"Receiver for {_topicPartition} used before Initialize.");
        var taken = Take(feed, maxCount);
        _emptyPulls = taken.Count > 0 ? 0 : _emptyPulls + 1;
        return _emptyPulls <= EmptyPullsBeforeWaiting || _options.PullWait <= TimeSpan.Zero || cancellationToken.IsCancellationRequested || IsPaused
            ? Task.FromResult(taken)
            : WaitThenTakeAsync(feed, maxCount, cancellationToken);
    }

    private bool IsPaused => _pause?.IsPaused(_binding.StreamNamespace) == true;

    /// <summary>
    /// A long poll: an idle partition's pull waits for its next record (up to <see cref="KafkaStreamOptions.PullWait"/>)
    /// instead of returning at once. Orleans' agent ticks again only after a pull returns, and checks every stream it
    /// remembers on each tick, so idle partitions cost a few pulls per second instead of one per tick; a record that
    /// arrives meanwhile is handed over at once instead of at the next tick. Only a partition whose last
    /// <see cref="EmptyPullsBeforeWaiting"/> pulls found nothing waits: one with records flowing keeps the tick's cadence,
    /// so each pull takes what arrived during a tick, not the first record of it (the provider ran at 42-51 % of a plain
    /// consumer instead of 50-52 % when every empty pull waited).
    /// </summary>
    private async Task<IList<IBatchContainer>> WaitThenTakeAsync(PartitionFeed feed, int maxCount, CancellationToken cancellationToken)
    {
        // Resumes on the agent's scheduler (captured context), like every other call Orleans makes on this receiver.
        await feed.WhenRecordsAsync().WaitAsync(_options.PullWait, cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        return cancellationToken.IsCancellationRequested ? s_nothing : Take(feed, maxCount);
    }

    private IList<IBatchContainer> Take(PartitionFeed feed, int maxCount)
    {
        RequestCommit();
        if (IsPaused)
        {
            // Nothing handed over: the feed's buffer fills, the hub then stops fetching the partition, and the records
            // stay in Kafka until the pause ends. Commits above still cover what was delivered before it.
            return s_nothing;
        }

        var limit = maxCount > 0 ? maxCount : _options.CacheSize / 10;
        if (_carry.Count > 0)
        {
            // Containers left over because a pull decoded into more containers than Orleans asked for (a pull takes every
            // buffered record; key changes give two events per record): hand them over first, in order, before reading.
            return TakeCarry(limit);
        }

        _scratch.Clear();
        // Orleans' limit counts batch containers, not records. When events are coalesced by key, take every buffered
        // record: a backlog then costs one grain call per key per pull rather than per ~limit records, and the new streams
        // of a pull are registered in one wave (the pulling agent reads nothing while registrations are pending).
        // Containers beyond the limit are carried over to the next pulls, in order.
        if (feed.Drain(_options.CoalesceByKey ? int.MaxValue : limit, _scratch))
        {
            _hub.Resume(_topicPartition);
        }

        if (_scratch.Count == 0)
        {
            return s_nothing;
        }

        var events = 0;
        foreach (var record in _scratch)
        {
            var decoded = Decode(record);
            if (decoded.IsFailure)
            {
                _ledger.AddDeadLetter(_deadLetters.Send(record, decoded.Failure!.Value, decoded.FailureDetail ?? string.Empty));
                continue;
            }

            for (var i = 0; i < decoded.Count; i++)
            {
                Add(decoded[i]);
                events++;
            }
        }

        _ledger.MarkRead(_scratch[^1].Offset.Value + 1);
        var containers = new List<IBatchContainer>(Math.Min(_groups.Count, limit));
        foreach (var group in _groups)
        {
            var container = new KafkaBatchContainer(StreamId.Create(_binding.StreamNamespace, group.Key), group.Events, group.Count) { Origin = this };
            if (containers.Count < limit)
            {
                containers.Add(container);
            }
            else
            {
                _carry.Enqueue(container);
            }
        }

        KafkaMetrics.RecordsConsumed.Add(_scratch.Count, _tags);
        KafkaMetrics.EventsHandedOver.Add(events, _tags);
        _groups.Clear();
        _groupsByKey.Clear();
        _scratch.Clear();
        return containers;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        OnDelivered(messages);
        RequestCommit();
        return Task.CompletedTask;
    }

    /// <summary>Counts containers of this receiver as delivered (from the agent's purge, or from the cache when the agent stops).</summary>
    public void OnDelivered(IList<IBatchContainer> delivered)
    {
        var records = 0L;
        foreach (var message in delivered)
        {
            // A container read by an earlier receiver of this partition says nothing about this receiver's records.
            if (message is KafkaBatchContainer container && ReferenceEquals(container.Origin, this))
            {
                _ledger.MarkDelivered(container.FirstOffset);
                records += container.Count;
            }
        }

        KafkaMetrics.RecordsDelivered.Add(records, _tags);
    }

    /// <summary>Orleans gave up on a container of this receiver (after <c>StreamPullingAgentOptions.MaxEventDeliveryTime</c>
    /// of retries, e.g. storage down that long): its records count as not handled, and the partition's commits stop at its
    /// first offset, so the next receiver of the partition (after a restart or a rebalance) reads them again.</summary>
    public void OnDeliveryFailed(IBatchContainer failed)
    {
        if (failed is KafkaBatchContainer container && ReferenceEquals(container.Origin, this))
        {
            _ledger.MarkFailed(container.FirstOffset);
            KafkaMetrics.RecordsUndelivered.Add(container.Count, _tags);
            LogWarningDeliveryFailed(_providerName, _topicPartition.Topic, _topicPartition.Partition.Value, container.FirstOffset, container.Count, _ledger.HeldAt ?? container.FirstOffset);
        }
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        var feed = _feed;
        if (feed is null)
        {
            return;
        }

        _feed = null;
        _relay.Detach(_queueId, this);
        if (_ledger.HasPendingDeadLetters())
        {
            // Dead letters in flight must be stored before the offset can move past them.
            await Task.Run(() => _producer.Producer.Flush(timeout)).ConfigureAwait(false);
        }

        var commitPoint = _ledger.CommitPoint();
        await _hub.DetachAsync(feed, commitPoint, timeout).ConfigureAwait(false);
        LogInformationShutdown(_providerName, _topicPartition.Topic, _topicPartition.Partition.Value, commitPoint ?? -1, _ledger.Pending);
    }

    private IList<IBatchContainer> TakeCarry(int limit)
    {
        var containers = new List<IBatchContainer>(Math.Min(limit, _carry.Count));
        while (containers.Count < limit && _carry.TryDequeue(out var container))
        {
            containers.Add(container);
        }

        return containers;
    }

    private KafkaDecodeResult Decode(ConsumeResult<byte[], byte[]> record)
    {
        var input = new KafkaRecord(record.Topic, record.Partition.Value, record.Offset.Value, record.Message.Timestamp.UtcDateTime, record.Message.Key, record.Message.Value);
        try
        {
            return _binding.Format.Decode(input, _binding.KeyFields);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A plug-in format must not stop the partition either.
            return KafkaDecodeResult.Fail(KafkaDeadLetterReason.FormatError, $"format '{_binding.Format.Name}' threw {exception.GetType().Name}: {exception.Message}");
        }
    }

    private void Add(KafkaChangeEvent change)
    {
        if (_options.CoalesceByKey && _groupsByKey.TryGetValue(change.Key, out var existing))
        {
            existing.Append(change);
            return;
        }

        var group = new EventGroup(change);
        _groups.Add(group);
        if (_options.CoalesceByKey)
        {
            _groupsByKey[change.Key] = group;
        }

        _ledger.AddContainer(change.Offset);
    }

    private void RequestCommit()
    {
        if (_ledger.CommitPoint() is { } point && point > _lastCommitRequested)
        {
            _lastCommitRequested = point;
            _hub.RequestCommit(_topicPartition, point);
        }
    }

    /// <summary>The events of one key within one pull; its array becomes the batch container's without a copy.</summary>
    private sealed class EventGroup(KafkaChangeEvent first)
    {
        public string Key { get; } = first.Key;

        public KafkaChangeEvent[] Events { get; private set; } = [first];

        public int Count { get; private set; } = 1;

        public void Append(KafkaChangeEvent change)
        {
            if (Count == Events.Length)
            {
                var grown = new KafkaChangeEvent[Count * 2];
                Events.CopyTo(grown, 0);
                Events = grown;
            }

            Events[Count++] = change;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: Orleans gave up delivering {Topic}/{Partition}@{Offset} ({Count} events); commits of the partition stay at {HeldAt} until it is read again after a restart or rebalance")]
    private partial void LogWarningDeliveryFailed(string provider, string topic, int partition, long offset, int count, long heldAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider}: receiver {Topic}/{Partition} shut down; committed up to {Offset}, {Pending} entries undelivered")]
    private partial void LogInformationShutdown(string provider, string topic, int partition, long offset, int pending);
}
