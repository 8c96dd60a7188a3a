using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Reads;
using FastData.Grains.Refresh;
using FastData.Grains.Storage;
using FastData.Grains.Streams;
using FastData.Model.Aggregation;
using FastData.Model.Casting;
using FastData.Model.Configuration;
using FastData.Model.Strategies;
using FastData.Orleans.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace FastData.Grains.Projections;

/// <summary>
/// One projection record. Applies the change events of its key in partition order: casts and validates them,
/// drops stale and duplicate ones, upserts or soft-deletes, persists, then refreshes the single views whose
/// content depends on the record before or after the change.
/// </summary>
[ImplicitStreamSubscription(typeof(ProjectionNamespacePredicate), ProjectionStreamIdMapper.Name)]
public sealed partial class ProjectionGrain(
    [PersistentState("record", RecordStoreGrainStorage.ProviderName)] IPersistentState<ProjectionRecordState> state,
    FastDataModel model,
    IProjectionResolver resolver,
    IDeadLetterSink deadLetters,
    PipelineMetrics metrics,
    TimeProvider time,
    LocalDocuments documents,
    PipelineGrainReferences grains,
    ILogger<ProjectionGrain> logger)
    : Grain, IProjectionGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<KafkaChangeEvent>
{
    private ProjectionDefinition _projection = null!;
    private string _key = null!;
    private PipelineTriggerGate? _gate;
    private ServedDocumentSlot _served = null!;

    /// <summary>The single-view refreshes that the stored changes still owe, until one completes.</summary>
    private PendingRefresh? _pendingRefresh;

    /// <summary>Retries an owed refresh while the key gets no delivery, backing off from <see cref="FirstOwedRetry"/> to
    /// <see cref="LastOwedRetry"/>; it keeps the activation (and what it owes) alive meanwhile.</summary>
    private IGrainTimer? _owedRetry;
    private TimeSpan _owedRetryPeriod;

    private static readonly TimeSpan FirstOwedRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastOwedRetry = TimeSpan.FromMinutes(1);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Optional: without AddFastDataRefresh there is no pause, and no gate to read.
        _gate = ServiceProvider.GetService<PipelineTriggerGate>();
        var (projection, key) = GrainKeys.Split(this.GetPrimaryKeyString());
        _projection = model.Projections.TryGetValue(projection, out var definition)
            ? definition
            : throw new InvalidOperationException($"No projection named '{projection}' is configured.");
        _key = key;
        _served = new ServedDocumentSlot(documents.Projections, this.GetPrimaryKeyString(), Serve);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _served.Withdraw();
        if (_pendingRefresh is { } pending)
        {
            // The last chance in memory: a new activation knows only the record, and a redelivery then refreshes what the
            // record reaches now, not a parent the change took it from.
            try
            {
                await FinishPendingRefreshAsync().WaitAsync(cancellationToken);
            }
            catch (Exception e)
            {
                LogWarningPendingRefreshLost(logger, e, _projection.Name, _key, pending.Changes.Count);
            }
        }
    }

    /// <summary>Subscribes as a batch observer: the provider puts the events of one key read in one pull into one batch
    /// container (<c>CoalesceByKey</c>), and they arrive here in one call.</summary>
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<KafkaChangeEvent>().ResumeAsync((IAsyncBatchObserver<KafkaChangeEvent>)this);

    public Task OnNextAsync(IList<SequentialItem<KafkaChangeEvent>> items)
    {
        var changes = new KafkaChangeEvent[items.Count];
        for (var i = 0; i < changes.Length; i++)
        {
            changes[i] = items[i].Item;
        }

        return ApplyInOrderAsync(changes);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogWarningStreamError(logger, ex, _projection.Name, _key);
        return Task.CompletedTask;
    }

    public Task<StoredDocument?> GetAsync() => Task.FromResult(_served.Read());

    private StoredDocument? Serve() =>
        state.State.IsPublic ? new StoredDocument(PublicJson.Write(state.State.Record!), state.Etag) : null;

    public Task<ApplyOutcome> ApplyAsync(KafkaChangeEvent change) => ApplyInOrderAsync([change]);

    public Task<ApplyOutcome> ApplyAllAsync(KafkaChangeEvent[] changes) =>
        changes is { Length: > 0 } ? ApplyInOrderAsync(changes) : throw new ArgumentException("No change event to apply.", nameof(changes));

    /// <summary>
    /// Applies <paramref name="changes"/> (events of this key, in partition order) one after the other to the state,
    /// then persists once and refreshes once, from the record before the first to the record after the last: a key that
    /// changes faster than its single views aggregate catches up in one step per delivery instead of one per event, each
    /// of which waited for a single-view run. The single views see the net change, as they would have after the last
    /// event: a foreign key moved A to B to C refreshes A and C, and B never held the record in storage.
    /// </summary>
    /// <remarks>Whatever fails before the write is done (a dead letter that cannot be sent, the write), the state goes
    /// back to what storage holds and the delivery fails: Orleans delivers the events again, and they are applied then
    /// instead of being found at or below the state's position and dropped as stale (their dead letters may be sent
    /// twice). A refresh that fails after the write is owed: every later delivery is applied first, then refreshes what
    /// it changed together with what is owed, so one broken single view does not stop the key's other changes.</remarks>
    /// <returns>What the last event did.</returns>
    private async Task<ApplyOutcome> ApplyInOrderAsync(IReadOnlyList<KafkaChangeEvent> changes)
    {
        var stored = state.State.Save();
        var outcome = ApplyOutcome.Stale;
        var appliedCount = 0;
        var writing = false;
        DateTimeOffset? oldest = null;
        try
        {
            foreach (var change in changes)
            {
                var position = SourcePosition.Of(change);
                if (state.State.Position is { } current && position.CompareTo(current) is var order && order <= 0)
                {
                    metrics.Stale(_projection.Name);
                    if (order == 0 && appliedCount == 0 && _pendingRefresh is null)
                    {
                        // The very event stored last, in an activation that owes no refresh: a redelivery after a crash
                        // may have cut the single-view refresh short, so it is done again (idempotent) before the offset
                        // can be committed. No before image: every single view the record reaches is refreshed, not only
                        // those a change would touch.
                        _pendingRefresh = PendingRefresh.Of(null, state.State.Record, change.Timestamp);
                    }

                    outcome = ApplyOutcome.Stale;
                    continue;
                }

                var (after, applied) = change.Operation == ChangeOperation.Upsert
                    ? (await CastAsync(change), ApplyOutcome.Upserted)
                    : (state.State.Record is { } record ? SoftDeleted(record) : null, ApplyOutcome.Deleted);
                if (applied == ApplyOutcome.Upserted && after is null)
                {
                    outcome = ApplyOutcome.DeadLettered;
                    continue;
                }

                state.State.Set(after, position, time.GetUtcNow());
                appliedCount++;
                // Freshness counts from the oldest change the refresh carries.
                oldest = oldest is { } earlier && earlier <= change.Timestamp ? earlier : change.Timestamp;
                outcome = applied;
            }

            if (oldest is { } oldestChange)
            {
                writing = true;
                await state.WriteStateAsync();
                Owe(stored.Record, state.State.Record, oldestChange);
            }
        }
        catch
        {
            state.State.Restore(stored);
            if (writing && oldest is { } attempted)
            {
                // A write can fail after storage took it (a timeout): then the change is stored and its refresh owed.
                // Owing every single view the previous record reaches covers the parent it may have left; if the write
                // really failed, that refresh finds nothing to change.
                Owe(null, stored.Record, attempted);
                ScheduleOwedRetry();
            }

            throw;
        }

        if (appliedCount > 0)
        {
            _served.Acknowledged();
            metrics.Applied(_projection.Name, appliedCount);
        }

        await FinishPendingRefreshAsync();
        return outcome;
    }

    /// <summary>Refreshes the single views the stored changes owe, if any: those each change touched, from the record
    /// before it to the record after it (the aggregations read what is stored now). A change whose refresh failed is
    /// still owed when its events come again (they are stale by then, and the record after them alone no longer leads
    /// to a parent the change took the record from), or when the key's next events come.</summary>
    private async Task FinishPendingRefreshAsync()
    {
        if (_pendingRefresh is not { } pending)
        {
            return;
        }

        try
        {
            await RefreshSingleViewsAsync(pending.Changes, pending.ChangedAt);
        }
        catch
        {
            ScheduleOwedRetry();
            throw;
        }

        _pendingRefresh = null;
        _owedRetry?.Dispose();
        _owedRetry = null;
    }

    private void Owe(JsonObject? before, JsonObject? after, DateTimeOffset changedAt)
    {
        if (_pendingRefresh is { Changes.Count: >= PendingRefresh.MaxChanges } full)
        {
            // A single view failing for that long: the oldest owed change goes, with a warning, rather than the list
            // growing with every delivery.
            LogWarningOwedRefreshDropped(logger, _projection.Name, _key, full.Changes.Count);
        }

        _pendingRefresh = _pendingRefresh is { } owed ? owed.And(before, after, changedAt) : PendingRefresh.Of(before, after, changedAt);
    }

    /// <summary>Retries what is owed even if the key gets no further delivery (Orleans gives a failed delivery up after
    /// <c>MaxEventDeliveryTime</c>); the timer does not interleave with deliveries.</summary>
    private void ScheduleOwedRetry()
    {
        if (_owedRetry is not null)
        {
            return;
        }

        _owedRetryPeriod = FirstOwedRetry;
        _owedRetry = this.RegisterGrainTimer(RetryOwedRefreshAsync, new GrainTimerCreationOptions(_owedRetryPeriod, _owedRetryPeriod) { KeepAlive = true });
    }

    private async Task RetryOwedRefreshAsync(CancellationToken cancellationToken)
    {
        var owed = _pendingRefresh?.Changes.Count ?? 0;
        try
        {
            await FinishPendingRefreshAsync();
        }
        catch (Exception e)
        {
            _owedRetryPeriod = _owedRetryPeriod * 2 < LastOwedRetry ? _owedRetryPeriod * 2 : LastOwedRetry;
            _owedRetry?.Change(_owedRetryPeriod, _owedRetryPeriod);
            LogWarningOwedRefreshFailed(logger, e, _projection.Name, _key, owed, _owedRetryPeriod);
        }
    }

    private async Task<JsonObject?> CastAsync(KafkaChangeEvent change)
    {
        JsonObject raw;
        try
        {
            // Parsed over the event's own bytes (JsonNode.Parse would copy them first); the raw tree lives only while
            // this cast reads it, and the cast copies what it keeps.
            var image = JsonDocument.Parse(change.After).RootElement;
            raw = image.ValueKind == JsonValueKind.Object
                ? JsonObject.Create(image)!
                : throw new JsonException("the record image is not a JSON object");
        }
        catch (JsonException e)
        {
            await DeadLetterAsync(change, "malformed", e.Message);
            return null;
        }

        var cast = ProjectionRecordCaster.Cast(_projection, raw);
        metrics.UnknownFields(_projection.Name, cast.DroppedFields.Count);
        if (cast.Violations.Count > 0)
        {
            await DeadLetterAsync(change, "validation", string.Join("; ", cast.Violations));
            return null;
        }

        var record = cast.Record;
        record[RecordStates.Field] = RecordStates.Public;
        return record;
    }

    private static JsonObject SoftDeleted(JsonObject record)
    {
        var deleted = (JsonObject)record.DeepClone();
        deleted[RecordStates.Field] = RecordStates.Deleted;
        return deleted;
    }

    private async Task DeadLetterAsync(KafkaChangeEvent change, string reason, string detail)
    {
        metrics.DeadLettered(_projection.Name, reason);
        LogWarningDeadLettered(logger, _projection.Name, _key, change.Topic, change.Partition, change.Offset, reason, detail);
        await deadLetters.WriteAsync(
            new DeadLetter(_projection.Name, _key, reason, detail, change.Topic, change.Partition, change.Offset, change.After),
            CancellationToken.None);
    }

    /// <summary>Refreshes every single view that any of <paramref name="changes"/> (record before, record after)
    /// touches, each once.</summary>
    private async Task RefreshSingleViewsAsync(IReadOnlyList<(JsonObject? Before, JsonObject? After)> changes, DateTimeOffset changedAt)
    {
        if (_gate is { TriggersPaused: true })
        {
            // An initial load: the record is persisted; a full refresh brings the single views up to date later.
            return;
        }

        var targets = new HashSet<SingleViewKey>();
        for (var i = 0; i < changes.Count; i++)
        {
            // The views a change leaves unread are counted once, for the latest change.
            var unread = i == changes.Count - 1 ? new List<string>() : null;
            targets.UnionWith(await model.Strategies.AffectedAsync(_projection.Name, changes[i].Before, changes[i].After, resolver, unread, CancellationToken.None));
            foreach (var singleView in unread ?? [])
            {
                metrics.ChangeUnread(singleView, _projection.Name);
            }
        }

        if (targets.Count == 0)
        {
            return;
        }

        var refreshes = new List<Task>(targets.Count);
        foreach (var target in targets)
        {
            refreshes.Add(grains.SingleView(GrainKeys.Compose(target.SingleViewName, target.Key)).RefreshAsync(changedAt));
        }

        await Task.WhenAll(refreshes);
    }

    /// <summary>Stored changes whose single views are still to refresh: the record before and after each (before null:
    /// every single view the record after reaches), and the oldest event's time.</summary>
    private sealed record PendingRefresh(IReadOnlyList<(JsonObject? Before, JsonObject? After)> Changes, DateTimeOffset ChangedAt)
    {
        public static PendingRefresh Of(JsonObject? before, JsonObject? after, DateTimeOffset changedAt) => new([(before, after)], changedAt);

        /// <summary>The most changes owed at once; beyond, the oldest is dropped.</summary>
        public const int MaxChanges = 256;

        public PendingRefresh And(JsonObject? before, JsonObject? after, DateTimeOffset changedAt) =>
            new([.. Changes.Skip(Changes.Count >= MaxChanges ? 1 : 0), (before, after)], changedAt < ChangedAt ? changedAt : ChangedAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Projection} '{Key}' still owes the single-view refresh of {Changes} stored change(s); next attempt in {Retry}")]
    private static partial void LogWarningOwedRefreshFailed(ILogger logger, Exception exception, string projection, string key, int changes, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Projection} '{Key}' owes the single-view refresh of {Changes} stored changes: the oldest is dropped; a full refresh of the single views repairs what it would have reached")]
    private static partial void LogWarningOwedRefreshDropped(ILogger logger, string projection, string key, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Projection} '{Key}' deactivated owing the single-view refresh of {Changes} stored change(s); a redelivery refreshes what the record reaches now")]
    private static partial void LogWarningPendingRefreshLost(ILogger logger, Exception exception, string projection, string key, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event for {Projection} '{Key}' from {Topic}/{Partition}@{Offset} dead-lettered ({Reason}): {Detail}")]
    private static partial void LogWarningDeadLettered(ILogger logger, string projection, string key, string topic, int partition, long offset, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream error for {Projection} '{Key}'")]
    private static partial void LogWarningStreamError(ILogger logger, Exception exception, string projection, string key);
}
