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
    /// How long a change that finds the single view idle waits before its aggregation starts, while the silo is busy
    /// (see <see cref="CoalesceWindowBusyAt"/>); the changes that arrive meanwhile share that aggregation. Changes come
    /// in bursts (an order, then its items; a status change reaching the order's products), so a window of a few
    /// milliseconds saves aggregations exactly when the silo is short of CPU. Zero starts at once, always. Default 10 ms.
    /// On the pipeline bench (bench/FastData.Bench, --sv-window-ms), applied whatever the load, 10 ms saved 20-35 % of
    /// the aggregations but doubled the p50 freshness at a quarter load (20-51 ms against 8-18 ms): hence the threshold.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// <see cref="CoalesceWindow"/> applies only while at least this many aggregations run in the silo: a lightly loaded
    /// silo aggregates a change at once, a busy one waits the window and serves more changes per aggregation. Zero
    /// applies the window whatever the load. Default: the machine's processor count (every core aggregating); with
    /// fewer <see cref="MaxConcurrentAggregations"/> than that, every slot taken counts as busy. On the
    /// pipeline bench (2 cores, --sv-window-busy), four runs against five without the window: 0.64-0.72 aggregations
    /// per record from a backlog against 0.82-0.85, p99 freshness at 75 % load 0.34-1.04 s against 0.94-2.3 s, at half
    /// load 356-545 ms against 374 ms-1.4 s, and at a quarter load p50 9-11 ms either way.
    /// </summary>
    public int CoalesceWindowBusyAt { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How many aggregations one silo runs at once; the others wait for a slot, in arrival order, and go on collecting
    /// changes meanwhile, so that under load each aggregation serves more changes. Zero (the default) means no bound.
    /// Set it when the record store is what saturates (a change fanning out to hundreds of single views starts as many
    /// aggregations, each with its queries): on memory storage, 4 slots cut the aggregations of the pipeline bench by
    /// 25-60 % without a clear gain in throughput, and lengthened the p99 freshness (bench/FastData.Bench, --sv-slots).
    /// </summary>
    public int MaxConcurrentAggregations { get; set; }
}
