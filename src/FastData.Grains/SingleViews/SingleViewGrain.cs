using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Reads;
using FastData.Grains.Storage;
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
    private JsonObject? _acknowledged;
    private string? _acknowledgedETag;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (name, key) = GrainKeys.Split(this.GetPrimaryKeyString());
        _singleView = model.SingleViews.TryGetValue(name, out var definition)
            ? definition
            : throw new InvalidOperationException($"No single view named '{name}' is configured.");
        _key = key;
        _runner = new CoalescingRunner(RunAsync, options.Value.MinRunInterval, time, gate, options.Value.CoalesceWindow);
        _served = new ServedDocumentSlot(documents.SingleViews, this.GetPrimaryKeyString(), Serve);
        Acknowledge();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _served.Withdraw();
        return Task.CompletedTask;
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
        _acknowledged is { } stored ? new StoredDocument(PublicJson.Write(stored), _acknowledgedETag) : null;

    private async Task RunAsync()
    {
        var changedAt = _oldestChange;
        _oldestChange = null;
        var started = time.GetTimestamp();
        JsonObject? document;
        try
        {
            document = await AggregationEngine.AggregateAsync(_singleView, _key, resolver, CancellationToken.None);
            if (document is not null && _singleView.Validator is { } validator && !validator(document))
            {
                document = null;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogErrorAggregation(logger, e, _singleView.Name, _key);
            metrics.Aggregated(_singleView.Name, time.GetElapsedTime(started), "error");
            await errors.RecordAsync(new AggregationError(_singleView.Name, _key, e.ToString(), time.GetUtcNow()), CancellationToken.None);
            return;
        }

        var outcome = await PersistAsync(document);
        metrics.Aggregated(_singleView.Name, time.GetElapsedTime(started), outcome);
        if (changedAt is { } at)
        {
            metrics.Freshness(_singleView.Name, time.GetUtcNow() - at);
        }
    }

    private async Task<string> PersistAsync(JsonObject? document)
    {
        var previous = state.State.Document;
        var now = time.GetUtcNow();
        if (document is null)
        {
            if (previous is null)
            {
                return "absent";
            }

            await state.ClearStateAsync();
            Acknowledge();
            await PublishAsync(SingleViewOperation.Delete, previous, null, now);
            return "deleted";
        }

        if (state.State.HasContent(document))
        {
            return "unchanged";
        }

        var (previousCreatedAt, previousUpdatedAt) = (state.State.CreatedAt, state.State.UpdatedAt);
        state.State.Set(document, previousCreatedAt ?? now, now);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The next run starts again from what storage holds.
            state.State.Restore(previous, previousCreatedAt, previousUpdatedAt);
            throw;
        }

        Acknowledge();
        await PublishAsync(previous is null ? SingleViewOperation.Insert : SingleViewOperation.Update, previous, document, now);
        return previous is null ? "inserted" : "updated";
    }

    /// <summary>Remembers what storage holds now. Documents are replaced, never mutated, so keeping the reference
    /// is enough; serialisation waits for the first read (see <see cref="ServedDocumentSlot"/>).</summary>
    private void Acknowledge()
    {
        _acknowledged = state.State.Document;
        _acknowledgedETag = state.Etag;
        _served.Acknowledged();
    }

    private ValueTask PublishAsync(SingleViewOperation operation, JsonObject? before, JsonObject? after, DateTimeOffset at) =>
        changes.PublishAsync(new SingleViewChange(_singleView.Name, _key, operation, before, after, at), CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Error, Message = "Aggregation of {SingleView} '{Key}' failed; the previous document is kept")]
    private static partial void LogErrorAggregation(ILogger logger, Exception exception, string singleView, string key);
}
