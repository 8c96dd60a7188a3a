namespace FastData.Grains.Abstractions;

/// <summary>
/// The cluster-wide pipeline switches (one activation, key <see cref="Key"/>): single-view triggering, and ingestion per
/// projection. While triggers are
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

    /// <summary>
    /// Stops consuming the ingestion topic of <paramref name="projection"/> on every silo (within
    /// <c>PipelineRefreshOptions.ControlPollInterval</c>): its records wait in Kafka and nothing is committed past
    /// them. Idempotent. Events already handed over are still applied.
    /// </summary>
    /// <exception cref="ArgumentException">No projection of that name is configured.</exception>
    [Alias("PauseIngestion")]
    Task<PipelineControlStatus> PauseIngestionAsync(string projection);

    /// <summary>Consumes the ingestion topic of <paramref name="projection"/> again, from where it stopped. Idempotent.</summary>
    /// <exception cref="ArgumentException">No projection of that name is configured.</exception>
    [Alias("ResumeIngestion")]
    Task<PipelineControlStatus> ResumeIngestionAsync(string projection);

    /// <summary>The current setting.</summary>
    [Alias("GetStatus")]
    Task<PipelineControlStatus> GetStatusAsync();
}
