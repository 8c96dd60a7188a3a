using FastData.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastData.Grains.Refresh;

/// <summary>
/// Keeps this silo's <see cref="PipelineTriggerGate"/> in step with the control grain: reads the setting once when
/// the silo becomes active (a silo joining a paused cluster starts paused), then every
/// <see cref="PipelineRefreshOptions.ControlPollInterval"/>. One small grain call per silo per interval, whatever
/// the event rate.
/// </summary>
public sealed partial class PipelineControlPoller(
    IGrainFactory grains,
    PipelineTriggerGate gate,
    IOptions<PipelineRefreshOptions> options,
    ILogger<PipelineControlPoller> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private bool _lastPollFailed;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PipelineControlPoller), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await PollAsync();
        _loop = LoopAsync(_stopping.Token);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends with the silo.
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.ControlPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await PollAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task PollAsync()
    {
        try
        {
            gate.Observe(await grains.GetGrain<IPipelineControlGrain>(IPipelineControlGrain.Key).GetStatusAsync());
            _lastPollFailed = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The last known setting stays in force; log once per outage, not once per interval.
            if (!_lastPollFailed)
            {
                LogWarningPollFailed(logger, e);
            }

            _lastPollFailed = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the pipeline control setting; this silo keeps the last one it saw")]
    private static partial void LogWarningPollFailed(ILogger logger, Exception exception);
}
