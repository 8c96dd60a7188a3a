namespace FastData.Grains.Refresh;

/// <summary>Options of full refreshes and of the cluster-wide trigger pause.</summary>
public sealed class PipelineRefreshOptions
{
    /// <summary>How many single views one refresh re-aggregates at once, unless its start says otherwise. Default 16.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// How often each silo re-reads the pause setting from the control grain; a pause or resume reaches every
    /// silo within this time (the control grain's own silo sees it at once). Default 250 ms.
    /// </summary>
    public TimeSpan ControlPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
