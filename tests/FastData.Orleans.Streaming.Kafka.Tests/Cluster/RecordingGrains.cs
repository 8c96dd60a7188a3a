using System.Collections.Concurrent;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Tests.Cluster;

/// <summary>Every event a test grain received, with the grain that received it.</summary>
public sealed record Delivery(string GrainKey, KafkaChangeEvent Event);

/// <summary>In-process record of deliveries (the in-process test cluster shares this process), per topic.</summary>
public static class DeliveryRecorder
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Delivery>> s_byTopic = new(StringComparer.Ordinal);

    public static void Record(string grainKey, KafkaChangeEvent change) =>
        s_byTopic.GetOrAdd(change.Topic, _ => new ConcurrentQueue<Delivery>()).Enqueue(new Delivery(grainKey, change));

    public static IReadOnlyList<Delivery> For(string topic) => s_byTopic.TryGetValue(topic, out var queue) ? queue.ToArray() : [];

    public static int CountFor(string topic) => s_byTopic.TryGetValue(topic, out var queue) ? queue.Count : 0;
}

public interface IOrderRecorderGrain : IGrainWithStringKey
{
    Task<int> GetCount();
}

/// <summary>Subscribed implicitly to the <c>orders</c> namespace of the <c>kafka</c> provider; records what it receives.</summary>
[ImplicitStreamSubscription(KafkaClusterTests.StreamNamespace)]
public sealed class OrderRecorderGrain : Grain, IOrderRecorderGrain
{
    private int _count;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var stream = this.GetStreamProvider(KafkaClusterTests.ProviderName).GetStream<KafkaChangeEvent>(StreamId.Create(KafkaClusterTests.StreamNamespace, key));
        await stream.SubscribeAsync((change, _) =>
        {
            _count++;
            DeliveryRecorder.Record(key, change);
            return Task.CompletedTask;
        });
    }

    public Task<int> GetCount() => Task.FromResult(_count);
}
