using FastData.Grains.Pipeline;

namespace FastData.Bench;

/// <summary>
/// Counts each single-view change with <paramref name="counts"/>, then hands it to <paramref name="next"/> (the host's
/// Kafka sink), so that the bench pays for the <c>sv-update</c> events as a silo does.
/// </summary>
internal sealed class ForwardingChangeSink(CountingSinks counts, ISingleViewChangeSink next) : ISingleViewChangeSink
{
    public async ValueTask PublishAsync(SingleViewChange change, CancellationToken cancellationToken)
    {
        await counts.PublishAsync(change, cancellationToken).ConfigureAwait(false);
        await next.PublishAsync(change, cancellationToken).ConfigureAwait(false);
    }
}
