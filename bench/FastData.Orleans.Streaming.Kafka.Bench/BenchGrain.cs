using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Bench;

public interface IBenchSinkGrain : IGrainWithStringKey
{
}

/// <summary>Receives the events of its key and does nothing but count them.</summary>
[ImplicitStreamSubscription(Program.StreamNamespace)]
public sealed class BenchSinkGrain : Grain, IBenchSinkGrain
{
    private static long s_received;

    public static long Received => Interlocked.Read(ref s_received);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Program.ProviderName).GetStream<KafkaChangeEvent>(StreamId.Create(Program.StreamNamespace, this.GetPrimaryKeyString()));
        return stream.SubscribeAsync(static (_, _) =>
        {
            Interlocked.Increment(ref s_received);
            return Task.CompletedTask;
        });
    }
}
