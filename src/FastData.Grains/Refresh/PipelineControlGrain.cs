using FastData.Grains.Abstractions;
using FastData.Grains.Storage;
using FastData.Model.Configuration;
using Microsoft.Extensions.Logging;

namespace FastData.Grains.Refresh;

/// <summary>
/// Holds the cluster-wide pause setting in the record store (it survives restarts and silo failures), tells its own
/// silo's gate at once and lets the other silos' pollers pick it up.
/// </summary>
public sealed partial class PipelineControlGrain(
    [PersistentState("control", RecordStoreGrainStorage.ProviderName)] IPersistentState<PipelineControlState> state,
    PipelineTriggerGate gate,
    FastDataModel model,
    TimeProvider time,
    ILogger<PipelineControlGrain> logger)
    : Grain, IPipelineControlGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        gate.Observe(state.State.ToStatus());
        return Task.CompletedTask;
    }

    public Task<PipelineControlStatus> PauseAsync() => SetAsync(paused: true);

    public async Task<PipelineControlStatus> ResumeAsync(bool refreshSingleViews)
    {
        var status = await SetAsync(paused: false);
        if (refreshSingleViews)
        {
            foreach (var name in model.SingleViews.Keys)
            {
                await GrainFactory.GetGrain<IRefreshGrain>(name).StartAsync();
            }
        }

        return status;
    }

    public Task<PipelineControlStatus> GetStatusAsync() => Task.FromResult(state.State.ToStatus());

    public Task<PipelineControlStatus> PauseIngestionAsync(string projection) => SetIngestionAsync(projection, paused: true);

    public Task<PipelineControlStatus> ResumeIngestionAsync(string projection) => SetIngestionAsync(projection, paused: false);

    private async Task<PipelineControlStatus> SetAsync(bool paused)
    {
        if (state.State.TriggersPaused != paused || state.State.Version == 0)
        {
            state.State.TriggersPaused = paused;
            await SaveAsync();
            LogInformationChanged(logger, paused ? "paused" : "resumed", state.State.Version);
        }

        return Publish();
    }

    private async Task<PipelineControlStatus> SetIngestionAsync(string projection, bool paused)
    {
        if (!model.Projections.ContainsKey(projection))
        {
            throw new ArgumentException($"No projection named '{projection}' is configured.", nameof(projection));
        }

        var changed = paused ? state.State.IngestionPaused.Add(projection) : state.State.IngestionPaused.Remove(projection);
        if (changed)
        {
            await SaveAsync();
            LogInformationIngestionChanged(logger, projection, paused ? "paused" : "resumed", state.State.Version);
        }

        return Publish();
    }

    private async Task SaveAsync()
    {
        state.State.Version++;
        state.State.ChangedAt = time.GetUtcNow();
        await state.WriteStateAsync();
    }

    private PipelineControlStatus Publish()
    {
        var status = state.State.ToStatus();
        gate.Observe(status);
        return status;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Single-view triggering {Change} cluster-wide (setting version {Version})")]
    private static partial void LogInformationChanged(ILogger logger, string change, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion of projection {Projection} {Change} cluster-wide (setting version {Version})")]
    private static partial void LogInformationIngestionChanged(ILogger logger, string projection, string change, long version);
}
