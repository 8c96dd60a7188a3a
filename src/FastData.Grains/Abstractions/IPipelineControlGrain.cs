namespace FastData.Grains.Abstractions;

/// <summary>
/// The cluster-wide switch of single-view triggering (one activation, key <see cref="Key"/>). While triggers are
/// paused (an initial load), projection grains still apply and persist every event but refresh no single view;
/// a full refresh (<see cref="IRefreshGrain"/>) then catches the single views up. Every silo caches the setting
/// and re-reads it at most <c>PipelineRefreshOptions.ControlPollInterval</c> after a change, so projection grains
/// check it without a grain call.
/// </summary>
[Alias("FastData.IPipelineControlGrain")]
public interface IPipelineControlGrain : IGrainWithStringKey
{
    /// <summary>The key of the single activation.</summary>
    public const string Key = PipelineControlKeys.Collection + "/cluster";

    /// <summary>Pauses single-view triggering on every silo. Idempotent.</summary>
    [Alias("Pause")]
    Task<PipelineControlStatus> PauseAsync();

    /// <summary>
    /// Resumes single-view triggering. When <paramref name="refreshSingleViews"/> is true it also starts a full
    /// refresh of every configured single view, which re-aggregates what changed while triggers were paused.
    /// </summary>
    [Alias("Resume")]
    Task<PipelineControlStatus> ResumeAsync(bool refreshSingleViews);

    /// <summary>The current setting.</summary>
    [Alias("GetStatus")]
    Task<PipelineControlStatus> GetStatusAsync();
}
