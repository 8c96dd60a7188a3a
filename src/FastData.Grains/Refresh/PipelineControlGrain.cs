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

    private async Task<PipelineControlStatus> SetAsync(bool paused)
    {
        if (state.State.TriggersPaused != paused || state.State.Version == 0)
        {
            state.State.TriggersPaused = paused;
            state.State.Version++;
            state.State.ChangedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            LogInformationChanged(logger, paused ? "paused" : "resumed", state.State.Version);
        }

        var status = state.State.ToStatus();
        gate.Observe(status);
        return status;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Single-view triggering {Change} cluster-wide (setting version {Version})")]
    private static partial void LogInformationChanged(ILogger logger, string change, long version);
}
