using Orleans.Runtime;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// The Orleans cache of one partition, indexed by stream. Orleans' <c>SimpleQueueCache</c> walks the whole cache to
/// position a cursor or find a stream's next item, which is quadratic when a backlog holds thousands of distinct keys;
/// here each item links to the next item of its stream, so cursors move in constant time.
/// Purging keeps SimpleQueueCache's rule (the oldest items that no cursor or delivery batch is on), item by item, so
/// an item leaves the cache, and is reported delivered, only after every cursor of its stream moved past it.
/// Used from its pulling agent's turn only. Orleans keeps the interface that protects multi-container deliveries
/// internal, so the provider runs the pulling agent with one container per delivery (a container already holds all the
/// events of its key from one pull).
/// </summary>
/// <param name="maxSize">Containers the cache holds before Orleans stops adding.</param>
/// <param name="listener">Finds the receiver to tell what was delivered when the pulling agent stops; null: nobody.</param>
internal sealed class KafkaQueueCache(int maxSize, Func<IDeliveryListener?>? listener = null) : IQueueCache
{
    private readonly LinkedList<CacheItem> _items = new();
    private readonly Dictionary<StreamId, Lane> _lanes = [];
    private readonly int _maxAddCount = Math.Max(maxSize / 10, 1);

    public int Size => _items.Count;

    public int GetMaxAddCount() => _maxAddCount;

    public bool IsUnderPressure() => _items.Count + _maxAddCount > maxSize;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var item = new CacheItem(message);
            item.Node = _items.AddLast(item);
            if (_lanes.TryGetValue(message.StreamId, out var lane))
            {
                lane.Tail!.NextInStream = item;
                lane.Tail = item;
            }
            else
            {
                _lanes[message.StreamId] = new Lane { Head = item, Tail = item };
            }
        }
    }

    public bool TryPurgeFromCache(out IList<IBatchContainer> purgedItems)
    {
        List<IBatchContainer>? purged = null;
        while (_items.First is { } node && node.Value.Pins == 0)
        {
            var item = node.Value;
            _items.RemoveFirst();
            item.Node = null;
            var streamId = item.Batch.StreamId;
            if (_lanes.TryGetValue(streamId, out var lane) && ReferenceEquals(lane.Head, item))
            {
                if (item.NextInStream is null)
                {
                    _lanes.Remove(streamId);
                }
                else
                {
                    lane.Head = item.NextInStream;
                }
            }

            if (!item.DeliveryFailed)
            {
                (purged ??= []).Add(item.Batch);
            }
            else if (item.Batch is KafkaBatchContainer { Origin: IDeliveryListener origin })
            {
                // Left out of what was delivered, and told apart: the receiver that read it must not commit past its
                // records (told directly, as Orleans reports the delivered ones, not through the relay).
                origin.OnDeliveryFailed(item.Batch);
            }
        }

        purgedItems = purged!;
        return purged is not null;
    }

    /// <summary>
    /// Orleans calls this when the pulling agent stops (after its last delivery, before the receiver's Shutdown, and only
    /// when no stream registration or handshake is pending), while the cursors still pin what is being delivered. The
    /// purge rule then releases exactly what was delivered since the agent's last purge, and the receiver learns of it so
    /// that its final commit covers it. The token is not needed: the cursors say more than the earliest of them.
    /// </summary>
    public void UpdateDeliveryProgress(StreamSequenceToken? earliestSubscriptionToken, DateTime utcNow)
    {
        if (listener?.Invoke() is { } target && TryPurgeFromCache(out var delivered))
        {
            target.OnDelivered(delivered);
        }
    }

    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        var cursor = new Cursor(this, streamId);
        if (token is null)
        {
            // No position asked: only what arrives from now on.
            cursor.ParkAtEnd(_lanes.TryGetValue(streamId, out var existing) ? existing.Tail : null, _items.Last?.Value.Batch.SequenceToken);
            return cursor;
        }

        // The first cached item of the stream at or after the token; older tokens start at the first item still cached.
        _lanes.TryGetValue(streamId, out var lane);
        for (var item = lane?.Head; item is not null; item = item.NextInStream)
        {
            if (item.Node is not null && item.Batch.SequenceToken.CompareTo(token) >= 0)
            {
                cursor.StartAt(item);
                return cursor;
            }
        }

        cursor.ParkAtEnd(lane?.Tail, token);
        return cursor;
    }

    /// <summary>The first cached item of the stream after <paramref name="token"/>, for a cursor whose chain was cut.</summary>
    private CacheItem? FindAfter(StreamId streamId, StreamSequenceToken? token)
    {
        for (var item = _lanes.TryGetValue(streamId, out var lane) ? lane.Head : null; item is not null; item = item.NextInStream)
        {
            if (item.Node is not null && (token is null || item.Batch.SequenceToken.CompareTo(token) > 0))
            {
                return item;
            }
        }

        return null;
    }

    private sealed class CacheItem(IBatchContainer batch)
    {
        public IBatchContainer Batch { get; } = batch;

        public CacheItem? NextInStream { get; set; }

        public LinkedListNode<CacheItem>? Node { get; set; }

        /// <summary>Cursors positioned on this item, plus delivery batches that protect it.</summary>
        public int Pins { get; set; }

        public bool DeliveryFailed { get; set; }
    }

    private sealed class Lane
    {
        public CacheItem? Head { get; set; }

        public CacheItem? Tail { get; set; }
    }

    /// <summary>
    /// A stream's position: on an item (pinning it until the cursor moves on), or parked after the last item it saw.
    /// </summary>
    private sealed class Cursor(KafkaQueueCache cache, StreamId streamId) : IQueueCacheCursor
    {
        private CacheItem? _position;
        private bool _positionDelivered;
        private CacheItem? _parkedAfter;
        private StreamSequenceToken? _parkedToken;
        private bool _disposed;

        public void StartAt(CacheItem item)
        {
            _position = item;
            _positionDelivered = false;
            item.Pins++;
        }

        public void ParkAtEnd(CacheItem? lastSeen, StreamSequenceToken? token)
        {
            _parkedAfter = lastSeen;
            _parkedToken = lastSeen?.Batch.SequenceToken ?? token;
        }

        public IBatchContainer? GetCurrent(out Exception? exception)
        {
            exception = null;
            return _positionDelivered ? _position?.Batch : null;
        }

        public bool MoveNext()
        {
            if (_disposed)
            {
                return false;
            }

            if (_position is { } current)
            {
                if (!_positionDelivered)
                {
                    _positionDelivered = true;
                    return true;
                }

                var next = current.NextInStream is { Node: not null } linked ? linked : cache.FindAfter(streamId, current.Batch.SequenceToken);
                current.Pins--;
                if (next is null)
                {
                    _position = null;
                    ParkAtEnd(current, null);
                    return false;
                }

                _position = next;
                next.Pins++;
                return true;
            }

            var resumed = _parkedAfter?.NextInStream is { Node: not null } after ? after : cache.FindAfter(streamId, _parkedToken);
            if (resumed is null)
            {
                return false;
            }

            _parkedAfter = null;
            _parkedToken = null;
            _position = resumed;
            _positionDelivered = true;
            resumed.Pins++;
            return true;
        }

        public void Refresh(StreamSequenceToken token)
        {
            // Nothing to do: MoveNext follows the stream's chain, or looks the stream up again when its chain was cut.
        }

        public void RecordDeliveryFailure()
        {
            if (_position is not null && _positionDelivered)
            {
                _position.DeliveryFailed = true;
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_position is not null)
            {
                _position.Pins--;
                _position = null;
            }
        }
    }
}
