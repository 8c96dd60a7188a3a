using System.Text;
using FastData.Orleans.Streaming.Kafka.Providers;
using Orleans.Runtime;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Tests.Providers;

// The cache implements MoveNext, which Orleans 10.4 marks obsolete on the interface in favour of MoveNextWithResult
// (a default method over MoveNext); the tests drive MoveNext directly because that is what the cache implements.
#pragma warning disable CS0618

public sealed class KafkaQueueCacheTests
{
    private static KafkaBatchContainer Container(string key, long offset, object? origin = null) =>
        new(StreamId.Create("orders", key), [new KafkaChangeEvent(ChangeOperation.Upsert, key, default, Encoding.UTF8.GetBytes("{}"), "t", 0, offset, 0, DateTimeOffset.UnixEpoch, null)], 1)
        {
            Origin = origin,
        };

    private static List<long> Drain(IQueueCacheCursor cursor)
    {
        var offsets = new List<long>();
        while (cursor.MoveNext())
        {
            offsets.Add(((KafkaBatchContainer)cursor.GetCurrent(out _)!).FirstOffset);
        }

        return offsets;
    }

    [Fact]
    public void Cursor_FromAToken_ReturnsOnlyItsStreamInOrder()
    {
        var cache = new KafkaQueueCache(100);
        cache.AddToCache([Container("a", 0), Container("b", 1), Container("a", 2), Container("a", 3), Container("b", 4)]);

        Assert.Equal([2L, 3L], Drain(cache.GetCacheCursor(StreamId.Create("orders", "a"), new KafkaSequenceToken(0, 2, 0))));
        Assert.Equal([1L, 4L], Drain(cache.GetCacheCursor(StreamId.Create("orders", "b"), new KafkaSequenceToken(0, 1, 0))));
    }

    [Fact]
    public void Cursor_AtTheEnd_PicksUpItemsAddedLater()
    {
        var cache = new KafkaQueueCache(100);
        cache.AddToCache([Container("a", 0)]);
        var cursor = cache.GetCacheCursor(StreamId.Create("orders", "a"), new KafkaSequenceToken(0, 0, 0));
        Assert.Equal([0L], Drain(cursor));

        cache.AddToCache([Container("b", 1), Container("a", 2)]);

        Assert.Equal([2L], Drain(cursor));
    }

    [Fact]
    public void TryPurgeFromCache_OnlyWhatEveryCursorPassed()
    {
        var cache = new KafkaQueueCache(100);
        cache.AddToCache([Container("a", 0), Container("b", 1), Container("a", 2)]);
        var a = cache.GetCacheCursor(StreamId.Create("orders", "a"), new KafkaSequenceToken(0, 0, 0));
        var b = cache.GetCacheCursor(StreamId.Create("orders", "b"), new KafkaSequenceToken(0, 1, 0));

        Assert.False(cache.TryPurgeFromCache(out _));
        Assert.True(a.MoveNext());              // delivering 0
        Assert.False(cache.TryPurgeFromCache(out _));
        Assert.True(a.MoveNext());              // 0 delivered, delivering 2
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([0L], purged.Cast<KafkaBatchContainer>().Select(c => c.FirstOffset));

        Assert.True(b.MoveNext());              // delivering 1
        Assert.False(b.MoveNext());             // 1 delivered
        Assert.True(cache.TryPurgeFromCache(out purged));
        Assert.Equal([1L], purged.Cast<KafkaBatchContainer>().Select(c => c.FirstOffset));

        Assert.False(a.MoveNext());             // 2 delivered
        Assert.True(cache.TryPurgeFromCache(out purged));
        Assert.Equal([2L], purged.Cast<KafkaBatchContainer>().Select(c => c.FirstOffset));
        Assert.Equal(0, cache.Size);
    }

    [Fact]
    public void Cursor_AfterItsStreamWasPurgedAndSeenAgain_ResumesOnTheNewItems()
    {
        var cache = new KafkaQueueCache(100);
        cache.AddToCache([Container("a", 0)]);
        var cursor = cache.GetCacheCursor(StreamId.Create("orders", "a"), new KafkaSequenceToken(0, 0, 0));
        Assert.Equal([0L], Drain(cursor));
        Assert.True(cache.TryPurgeFromCache(out _));

        cache.AddToCache([Container("a", 5)]);

        Assert.Equal([5L], Drain(cursor));
    }

    [Fact]
    public void IsUnderPressure_WhenTheNextPullWouldNotFit()
    {
        var cache = new KafkaQueueCache(20);
        Assert.Equal(2, cache.GetMaxAddCount());
        cache.AddToCache(Enumerable.Range(0, 18).Select(i => (IBatchContainer)Container("k" + i, i)).ToList());
        Assert.False(cache.IsUnderPressure());
        cache.AddToCache([Container("x", 18)]);
        Assert.True(cache.IsUnderPressure());
    }

    [Fact]
    public void UpdateDeliveryProgress_TellsTheListenerWhatWasDeliveredAndKeepsWhatIsNot()
    {
        var listener = new RecordingListener();
        var cache = new KafkaQueueCache(100, () => listener);
        cache.AddToCache([Container("a", 0), Container("b", 1), Container("a", 2)]);
        var a = cache.GetCacheCursor(StreamId.Create("orders", "a"), new KafkaSequenceToken(0, 0, 0));
        var b = cache.GetCacheCursor(StreamId.Create("orders", "b"), new KafkaSequenceToken(0, 1, 0));
        Assert.True(a.MoveNext());              // delivering 0
        Assert.True(a.MoveNext());              // 0 delivered, delivering 2
        Assert.True(b.MoveNext());              // delivering 1
        Assert.False(b.MoveNext());             // 1 delivered

        cache.UpdateDeliveryProgress(new KafkaSequenceToken(0, 1, 0), DateTime.UtcNow);

        Assert.Equal([0L, 1L], listener.Delivered);
        Assert.Equal(1, cache.Size);            // 2 is still being delivered
    }

    [Fact]
    public void TryPurgeFromCache_AContainerOrleansGaveUpOn_IsReportedToItsReceiverAsFailedNotDelivered()
    {
        var reader = new RecordingListener();
        var cache = new KafkaQueueCache(100);
        cache.AddToCache([Container("a", 0, reader), Container("a", 1, reader)]);
        var a = cache.GetCacheCursor(StreamId.Create("orders", "a"), new KafkaSequenceToken(0, 0, 0));
        Assert.True(a.MoveNext());              // delivering 0
        a.RecordDeliveryFailure();              // Orleans gave up on 0
        Assert.True(a.MoveNext());              // delivering 1
        Assert.False(a.MoveNext());             // 1 delivered

        Assert.True(cache.TryPurgeFromCache(out var purged));

        Assert.Equal([1L], purged.Cast<KafkaBatchContainer>().Select(c => c.FirstOffset));
        Assert.Equal([0L], reader.Failed);
    }

    [Fact]
    public void UpdateDeliveryProgress_NoListener_PurgesNothing()
    {
        var cache = new KafkaQueueCache(100, () => null);
        cache.AddToCache([Container("a", 0)]);
        var a = cache.GetCacheCursor(StreamId.Create("orders", "a"), new KafkaSequenceToken(0, 0, 0));
        Assert.Equal([0L], Drain(a));

        cache.UpdateDeliveryProgress(null, DateTime.UtcNow);

        Assert.Equal(1, cache.Size);            // left for the agent's purge, which reports it to the receiver
    }

    private sealed class RecordingListener : IDeliveryListener
    {
        public List<long> Delivered { get; } = [];

        public List<long> Failed { get; } = [];

        public void OnDelivered(IList<IBatchContainer> delivered) => Delivered.AddRange(delivered.Cast<KafkaBatchContainer>().Select(c => c.FirstOffset));

        public void OnDeliveryFailed(IBatchContainer failed) => Failed.Add(((KafkaBatchContainer)failed).FirstOffset);
    }
}
