namespace FastData.Grains.SingleViews;

/// <summary>How single-view grains pace their aggregations (configuration section <c>FastData:SingleViews</c>).</summary>
public sealed class SingleViewOptions
{
    /// <summary>
    /// The least time between the starts of two aggregations of one single view. Changes that arrive in between are
    /// served together by the next aggregation, so a burst of changes to one customer costs one aggregation, not one
    /// each; a change that finds the single view idle for longer is aggregated at once. It bounds how much a burst
    /// delays freshness. Zero aggregates back to back. Default 20 ms.
    /// </summary>
    public TimeSpan MinRunInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How many aggregations one silo runs at once; the others wait for a slot, in arrival order, and go on collecting
    /// changes meanwhile, so that under load each aggregation serves more changes. Zero (the default) means no bound.
    /// Set it when the record store is what saturates (a change fanning out to hundreds of single views starts as many
    /// aggregations, each with its queries): on memory storage, 4 slots cut the aggregations of the pipeline bench by
    /// 25-60 % without a clear gain in throughput, and lengthened the p99 freshness (bench/FastData.Bench, --sv-slots).
    /// </summary>
    public int MaxConcurrentAggregations { get; set; }
}
