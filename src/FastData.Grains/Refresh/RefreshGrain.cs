using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using FastData.Model.Configuration;
using FastData.Model.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastData.Grains.Refresh;

/// <summary>
/// Runs the full refresh of one single view as a background task of this activation (so progress requests are
/// answered while it runs): lists the keys of the base projection, reads each record to build its single-view key
/// from the single view's key fields, then lists the stored single views (whose base record may be gone), and asks
/// each distinct single-view grain to refresh, at most <c>maxConcurrency</c> at a time.
/// </summary>
/// <remarks>Progress lives in the activation: it is kept while the refresh runs (deactivation is delayed) and lost
/// when the idle activation is collected afterwards.</remarks>
public sealed partial class RefreshGrain(
    FastDataModel model,
    IRecordStore store,
    IOptions<PipelineRefreshOptions> options,
    TimeProvider time,
    PipelineGrainReferences grains,
    ILogger<RefreshGrain> logger)
    : Grain, IRefreshGrain
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private string _name = null!;
    private CancellationTokenSource? _cancel;
    private RefreshStatus _status = RefreshStatus.NotStarted;
    private long _total;
    private long _done;
    private long _failed;
    private bool _enumerationComplete;
    private int _maxConcurrency;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private string? _error;
    private string[]? _keyFields;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _name = this.GetPrimaryKeyString();
        _maxConcurrency = options.Value.MaxConcurrency;
        return Task.CompletedTask;
    }

    public Task<RefreshProgress> StartAsync(int? maxConcurrency = null)
    {
        if (!model.SingleViews.TryGetValue(_name, out var singleView))
        {
            throw new ArgumentException($"No single view named '{_name}' is configured.", nameof(maxConcurrency));
        }

        if (maxConcurrency is < 1)
        {
            throw new ArgumentException($"maxConcurrency must be at least 1 (was {maxConcurrency}).", nameof(maxConcurrency));
        }

        if (_status == RefreshStatus.Running)
        {
            return GetProgressAsync();
        }

        _seen.Clear();
        _total = _done = _failed = 0;
        _enumerationComplete = false;
        _error = null;
        _maxConcurrency = maxConcurrency ?? options.Value.MaxConcurrency;
        _startedAt = time.GetUtcNow();
        _finishedAt = null;
        _status = RefreshStatus.Running;
        _cancel = new CancellationTokenSource();

        // The job outlives this call; it runs on the activation's scheduler, so its state needs no locks.
        DelayDeactivation(TimeSpan.FromDays(1));
        _ = RunAsync(singleView, _maxConcurrency, _cancel.Token);
        LogInformationStarted(logger, _name, _maxConcurrency);
        return GetProgressAsync();
    }

    public Task<RefreshProgress> GetProgressAsync() => Task.FromResult(new RefreshProgress(
        _name, _status, _total, _done, _failed, _enumerationComplete, _maxConcurrency, _startedAt, _finishedAt, _error));

    public async Task<RefreshProgress> CancelAsync()
    {
        if (_cancel is { } cancel && _status == RefreshStatus.Running)
        {
            await cancel.CancelAsync();
        }

        return await GetProgressAsync();
    }

    private async Task RunAsync(SingleViewDefinition singleView, int maxConcurrency, CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>(maxConcurrency);
        try
        {
            var baseProjection = singleView.BaseProjection.Name;
            await foreach (var key in store.KeysAsync(baseProjection, cancellationToken))
            {
                await AddAsync(inFlight, maxConcurrency, RefreshFromBaseAsync(singleView, key, cancellationToken), cancellationToken);
            }

            // Single views whose base record no longer exists at all are refreshed too: the aggregation removes them.
            await foreach (var key in store.KeysAsync(singleView.Name, cancellationToken))
            {
                if (_seen.Add(key))
                {
                    _total++;
                    await AddAsync(inFlight, maxConcurrency, RefreshOneAsync(key), cancellationToken);
                }
            }

            _enumerationComplete = true;
            await Task.WhenAll(inFlight);
            _status = RefreshStatus.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAll(inFlight);
            _status = RefreshStatus.Cancelled;
        }
        catch (Exception e)
        {
            LogErrorFaulted(logger, e, _name);
            _error = e.Message;
            await Task.WhenAll(inFlight);
            _status = RefreshStatus.Faulted;
        }
        finally
        {
            _finishedAt = time.GetUtcNow();
            _seen.Clear();
            DelayDeactivation(TimeSpan.FromMinutes(-1));
            LogInformationFinished(logger, _name, _status, _done, _failed, _finishedAt.Value - _startedAt!.Value);
        }
    }

    private static async Task AddAsync(List<Task> inFlight, int maxConcurrency, Task next, CancellationToken cancellationToken)
    {
        inFlight.Add(next);
        while (inFlight.Count >= maxConcurrency)
        {
            inFlight.Remove(await Task.WhenAny(inFlight));
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Never throws: a failure is counted, and cancellation just ends the key's work.</summary>
    private async Task RefreshFromBaseAsync(SingleViewDefinition singleView, string projectionKey, CancellationToken cancellationToken)
    {
        VersionedDocument? stored;
        try
        {
            stored = await store.ReadAsync(singleView.BaseProjection.Name, projectionKey, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Fail($"{singleView.BaseProjection.Name} '{projectionKey}' could not be read: {e.Message}");
            LogWarningKeyFailed(logger, e, _name, projectionKey);
            return;
        }

        if (stored is null)
        {
            return;
        }

        if (!RecordKey.TryFromRecord(stored.Document, KeyFieldsOf(singleView), out var key, out var error))
        {
            Fail($"{singleView.BaseProjection.Name} '{projectionKey}': {error}");
            return;
        }

        if (_seen.Add(key))
        {
            _total++;
            await RefreshOneAsync(key);
        }
    }

    private void Fail(string error)
    {
        _total++;
        _failed++;
        _error = error;
    }

    private async Task RefreshOneAsync(string key)
    {
        try
        {
            await grains.SingleView(GrainKeys.Compose(_name, key)).RefreshAsync(time.GetUtcNow());
            _done++;
        }
        catch (Exception e)
        {
            _failed++;
            _error = $"{_name} '{key}': {e.Message}";
            LogWarningKeyFailed(logger, e, _name, key);
        }
    }

    private string[] KeyFieldsOf(SingleViewDefinition singleView) =>
        _keyFields ??= singleView.KeyFields.Select(k => k.ProjectionField).ToArray();

    [LoggerMessage(Level = LogLevel.Information, Message = "Full refresh of {SingleView} started ({MaxConcurrency} at a time)")]
    private static partial void LogInformationStarted(ILogger logger, string singleView, int maxConcurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Full refresh of {SingleView} {Status}: {Done} refreshed, {Failed} failed in {Elapsed}")]
    private static partial void LogInformationFinished(ILogger logger, string singleView, RefreshStatus status, long done, long failed, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Full refresh of {SingleView} could not refresh '{Key}'")]
    private static partial void LogWarningKeyFailed(ILogger logger, Exception exception, string singleView, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Full refresh of {SingleView} stopped")]
    private static partial void LogErrorFaulted(ILogger logger, Exception exception, string singleView);
}
