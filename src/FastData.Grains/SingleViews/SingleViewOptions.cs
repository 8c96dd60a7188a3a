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
}
