using System.Text.Json;
using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Reads;
using FastData.Grains.Storage;
using FastData.Model;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastData.Grains.SingleViews;

/// <summary>
/// One single-view document. Refresh requests coalesce (<see cref="CoalescingRunner"/>); each run aggregates
/// from the projection records, applies the validator, upserts or deletes the document and announces the change.
/// </summary>
public sealed partial class SingleViewGrain(
    [PersistentState("document", RecordStoreGrainStorage.ProviderName)] IPersistentState<SingleViewState> state,
    FastDataModel model,
    IProjectionResolver resolver,
    ISingleViewChangeSink changes,
    IAggregationErrorSink errors,
    PipelineMetrics metrics,
    IOptions<SingleViewOptions> options,
    TimeProvider time,
    LocalDocuments documents,
    AggregationGate gate,
    ILogger<SingleViewGrain> logger)
    : Grain, ISingleViewGrain
{
    private SingleViewDefinition _singleView = null!;
    private string _key = null!;
    private CoalescingRunner _runner = null!;
    private DateTimeOffset? _oldestChange;
    private ServedDocumentSlot _served = null!;
    private ReadOnlyMemory<byte> _acknowledged;
    private string? _acknowledgedETag;
    private Task _publishing = Task.CompletedTask;
    private readonly ProjectionReads _reads = new(resolver);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (name, key) = GrainKeys.Split(this.GetPrimaryKeyString());
        _singleView = model.SingleViews.TryGetValue(name, out var definition)
            ? definition
            : throw new InvalidOperationException($"No single view named '{name}' is configured.");
        _key = key;
        _runner = new CoalescingRunner(RunAsync, options.Value.MinRunInterval, time, gate, options.Value.CoalesceWindow, options.Value.CoalesceWindowBusyAt);
        _served = new ServedDocumentSlot(documents.SingleViews, this.GetPrimaryKeyString(), Serve);
        Acknowledge();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _served.Withdraw();

        // The last announcement finishes, or records its failure, within the activation's life, unless Orleans'
        // deactivation timeout comes first (a broker down for longer): the producer then still holds the event, and
        // a new activation elsewhere may announce the document's next version before it.
        await Task.WhenAny(_publishing, Task.Delay(Timeout.Infinite, cancellationToken));
        if (!_publishing.IsCompleted)
        {
            LogWarningDeactivatedWhilePublishing(logger, _singleView.Name, _key);
        }
    }

    public Task RefreshAsync(DateTimeOffset changedAt)
    {
        metrics.RefreshRequested(_singleView.Name);
        if (_oldestChange is null || changedAt < _oldestChange)
        {
            _oldestChange = changedAt;
        }

        return _runner.RequestAsync();
    }

    /// <summary>Serves only what storage acknowledged: a run in progress has set the state before its write
    /// completed, and a read that interleaves with it must not see that document yet.</summary>
    public Task<StoredDocument?> GetAsync() => Task.FromResult(_served.Read());

    private StoredDocument? Serve() =>
        _acknowledged.IsEmpty ? null : new StoredDocument(PublicJson.Write(_acknowledged.Span), _acknowledgedETag);

    private async Task RunAsync()
    {
        var changedAt = _oldestChange;
        _oldestChange = null;
        var started = time.GetTimestamp();
        using var buffer = new PooledBufferWriter(4096);
        bool exists;
        try
        {
            await using (var writer = new Utf8JsonWriter(buffer))
            {
                exists = await AggregationEngine.WriteAsync(_singleView, _key, _reads, writer, CancellationToken.None);
            }

            if (exists && _singleView.Validator is { } validator && !validator(StoredJson.ParseObject(buffer.WrittenSpan)))
            {
                exists = false;
            }
        }
        catch (ProjectionReadException e)
        {
            LogWarningReadFailed(logger, e, _singleView.Name, _key);
            metrics.Aggregated(_singleView.Name, time.GetElapsedTime(started), "read-failed");
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An error of the aggregation itself (data it cannot map, a function that throws) repeats whatever is retried:
            // it is recorded and the previous document kept. A failed read (storage) fails the run instead, and with it
            // the refresh that asked for it, which the projection grain then owes.
            LogErrorAggregation(logger, e, _singleView.Name, _key);
            metrics.Aggregated(_singleView.Name, time.GetElapsedTime(started), "error");
            await errors.RecordAsync(new AggregationError(_singleView.Name, _key, e.ToString(), time.GetUtcNow()), CancellationToken.None);
            return;
        }

        var (outcome, stored) = await PersistAsync(exists ? buffer : null);
        metrics.Aggregated(_singleView.Name, time.GetElapsedTime(started), outcome);
        if (changedAt is { } at)
        {
            metrics.Freshness(_singleView.Name, time.GetUtcNow() - at);
        }

        if (stored is not null)
        {
            await AnnounceAsync(stored);
        }
    }

    /// <summary>Stores what the aggregation wrote to <paramref name="aggregated"/> (null: the single view does not exist);
    /// returns the outcome and the change to announce, if any.</summary>
    private async Task<(string Outcome, SingleViewChange? Stored)> PersistAsync(PooledBufferWriter? aggregated)
    {
        var previous = state.State.Save();
        var now = time.GetUtcNow();
        if (aggregated is null)
        {
            if (!state.State.Exists)
            {
                return ("absent", null);
            }

            await state.ClearStateAsync();
            Acknowledge();
            return ("deleted", Change(SingleViewOperation.Delete, previous.Stored, default, now));
        }

        if (state.State.HasContent(aggregated.WrittenSpan))
        {
            return ("unchanged", null);
        }

        state.State.Set(aggregated.WrittenSpan, previous.CreatedAt ?? now, now);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The next run starts again from what storage holds.
            state.State.Restore(previous);
            throw;
        }

        Acknowledge();
        return previous.Stored is null
            ? ("inserted", Change(SingleViewOperation.Insert, previous.Stored, state.State.Utf8, now))
            : ("updated", Change(SingleViewOperation.Update, previous.Stored, state.State.Utf8, now));
    }

    /// <summary>Remembers what storage holds now. The state's bytes are replaced, never mutated, so keeping them is
    /// enough; serialisation waits for the first read (see <see cref="ServedDocumentSlot"/>).</summary>
    private void Acknowledge()
    {
        _acknowledged = state.State.Utf8;
        _acknowledgedETag = state.Etag;
        _served.Acknowledged();
    }

    private SingleViewChange Change(SingleViewOperation operation, ReadOnlyMemory<byte> before, ReadOnlyMemory<byte> after, DateTimeOffset at) =>
        new(_singleView.Name, _key, operation, before, after, at);

    /// <summary>
    /// Announces what the run stored, without waiting for the sink's acknowledgement: a Kafka acknowledgement (acks=all)
    /// takes milliseconds, hundreds under load, and every run used to wait for its own. At most one announcement per
    /// document is in flight: this waits for the previous one first, which was acknowledged while this run aggregated
    /// unless the broker is slow, so a document's events go out in the order of its runs, and a broker that is down
    /// holds the runs (and through them the ingestion) instead of letting announcements pile up in memory. The run
    /// keeps its aggregation slot while it waits: a waiting run counts as busy for the coalescing window, which
    /// measured better than releasing the slot (more changes per aggregation). One that fails is logged and kept in the
    /// errors collection; whatever happens to it, the next announcement still goes out.
    /// </summary>
    private async Task AnnounceAsync(SingleViewChange change)
    {
        await _publishing.ConfigureAwait(NeverFaults);
        _publishing = PublishAsync(change);
    }

    private async Task PublishAsync(SingleViewChange change)
    {
        try
        {
            await changes.PublishAsync(change, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogErrorPublish(logger, e, change.SingleViewName, change.DocumentId, change.OperationType);
            try
            {
                await errors.RecordAsync(
                    new AggregationError(change.SingleViewName, change.DocumentId, $"The {change.OperationType} event of the stored document was not published: {e}", time.GetUtcNow()),
                    CancellationToken.None);
            }
            catch (Exception recording)
            {
                LogErrorPublishNotRecorded(logger, recording, change.SingleViewName, change.DocumentId);
            }
        }
    }

    /// <summary>Waits for an announcement whatever its outcome (its failures are logged where they happen), and resumes
    /// on the grain's scheduler.</summary>
    private const ConfigureAwaitOptions NeverFaults = ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregation of {SingleView} '{Key}' could not read its records; the refresh fails and is owed by the change that asked for it")]
    private static partial void LogWarningReadFailed(ILogger logger, Exception exception, string singleView, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Aggregation of {SingleView} '{Key}' failed; the previous document is kept")]
    private static partial void LogErrorAggregation(ILogger logger, Exception exception, string singleView, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Operation} event of {SingleView} '{Key}' was not published; the document is stored")]
    private static partial void LogErrorPublish(ILogger logger, Exception exception, string singleView, string key, SingleViewOperation operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{SingleView} '{Key}' was deactivated before its last sv-update event was acknowledged")]
    private static partial void LogWarningDeactivatedWhilePublishing(ILogger logger, string singleView, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "The unpublished event of {SingleView} '{Key}' could not be recorded in the errors collection either")]
    private static partial void LogErrorPublishNotRecorded(ILogger logger, Exception exception, string singleView, string key);
}
