using System.Collections.Concurrent;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>Receives containers that a queue's cache found delivered outside the pulling agent's purge.</summary>
internal interface IDeliveryListener
{
    void OnDelivered(IList<IBatchContainer> delivered);

    /// <summary>Orleans gave up delivering <paramref name="failed"/> (after its retries): its records are not handled.</summary>
    void OnDeliveryFailed(IBatchContainer failed);
}

/// <summary>
/// Connects each queue's cache to the receiver of the same queue on this silo. Orleans tells the cache, not the receiver,
/// how far delivery got when a pulling agent stops (<see cref="IQueueCache.UpdateDeliveryProgress"/>), and calls the
/// receiver's <c>Shutdown</c> right after: the relay lets the receiver commit what was delivered since the agent's last
/// purge instead of handing it over again to the next owner of the partition.
/// </summary>
internal sealed class DeliveryRelay
{
    private readonly ConcurrentDictionary<QueueId, IDeliveryListener> _listeners = new();

    public void Attach(QueueId queueId, IDeliveryListener listener) => _listeners[queueId] = listener;

    public void Detach(QueueId queueId, IDeliveryListener listener) => _listeners.TryRemove(KeyValuePair.Create(queueId, listener));

    public bool TryGet(QueueId queueId, out IDeliveryListener listener) => _listeners.TryGetValue(queueId, out listener!);
}
