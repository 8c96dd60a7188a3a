using Orleans.Streams;
using Orleans.Streams.Core;

namespace FastData.Orleans.Streaming.Kafka.Bench;

/// <summary>Counts the events the bench's grains received.</summary>
public static class BenchCounter
{
    private static long s_received;

    public static long Received => Interlocked.Read(ref s_received);

    public static void Add() => Interlocked.Increment(ref s_received);
}

public interface IBenchSinkGrain : IGrainWithStringKey
{
}

/// <summary>Receives the events of its key and does nothing but count them; subscribes in <c>OnActivateAsync</c>.</summary>
[ImplicitStreamSubscription(Program.StreamNamespace)]
public sealed class BenchSinkGrain : Grain, IBenchSinkGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Program.ProviderName).GetStream<KafkaChangeEvent>(StreamId.Create(Program.StreamNamespace, this.GetPrimaryKeyString()));
        return stream.SubscribeAsync(static (_, _) =>
        {
            BenchCounter.Add();
            return Task.CompletedTask;
        });
    }
}

public interface IBenchObserverGrain : IGrainWithStringKey
{
}

/// <summary>
/// The same sink written as the provider's README shows: it attaches itself when Orleans first hands it its implicit
/// subscription (<see cref="IStreamSubscriptionObserver"/>), so its activation does no stream work.
/// </summary>
[ImplicitStreamSubscription(Program.ObserverStreamNamespace)]
public sealed class BenchObserverGrain : Grain, IBenchObserverGrain, IStreamSubscriptionObserver, IAsyncObserver<KafkaChangeEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<KafkaChangeEvent>().ResumeAsync(this);

    public Task OnNextAsync(KafkaChangeEvent item, StreamSequenceToken? token = null)
    {
        BenchCounter.Add();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

public interface IBenchFloorGrain : IGrainWithStringKey
{
    Task TouchAsync();
}

/// <summary>A grain with no stream: what one activation and one call cost in Orleans itself, the floor under a new key.</summary>
public sealed class BenchFloorGrain : Grain, IBenchFloorGrain
{
    public Task TouchAsync() => Task.CompletedTask;
}
