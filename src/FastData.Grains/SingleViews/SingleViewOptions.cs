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
    /// How long a change that finds the single view idle waits before its aggregation starts; the changes that arrive
    /// meanwhile share that aggregation. Changes come in bursts (an order, then its items; a status change reaching
    /// the order's products), so a window of a few milliseconds saves aggregations when changes arrive paced, at the
    /// cost of that much freshness. Zero (the default) starts at once. The pipeline bench measured 10 ms, four runs
    /// against six without: 20-35 % fewer aggregations; p99 freshness at half load 154-572 ms against 195 ms to 1.7 s
    /// (the paced phases run close to saturation, and fewer aggregations keep them further from it); but at a quarter
    /// load p50 20-51 ms against 8-18 ms and p99 114-651 ms against 75-236 ms. Worth it when changes come faster than
    /// the single views keep up with, not otherwise (bench/FastData.Bench, --sv-window-ms).
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; }

    /// <summary>
    /// How many aggregations one silo runs at once; the others wait for a slot, in arrival order, and go on collecting
    /// changes meanwhile, so that under load each aggregation serves more changes. Zero (the default) means no bound.
    /// Set it when the record store is what saturates (a change fanning out to hundreds of single views starts as many
    /// aggregations, each with its queries): on memory storage, 4 slots cut the aggregations of the pipeline bench by
    /// 25-60 % without a clear gain in throughput, and lengthened the p99 freshness (bench/FastData.Bench, --sv-slots).
    /// </summary>
    public int MaxConcurrentAggregations { get; set; }
}
