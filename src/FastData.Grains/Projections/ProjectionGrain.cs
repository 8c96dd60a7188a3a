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
    : Grain, IProjectionGrain, IStreamSubscriptionObserver, IAsyncObserver<KafkaChangeEvent>
{
    private ProjectionDefinition _projection = null!;
    private string _key = null!;
    private PipelineTriggerGate? _gate;
    private ServedDocumentSlot _served = null!;

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

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _served.Withdraw();
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<KafkaChangeEvent>().ResumeAsync(this);

    public Task OnNextAsync(KafkaChangeEvent item, StreamSequenceToken? token = null) => ApplyAsync(item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogWarningStreamError(logger, ex, _projection.Name, _key);
        return Task.CompletedTask;
    }

    public Task<StoredDocument?> GetAsync() => Task.FromResult(_served.Read());

    private StoredDocument? Serve() =>
        state.State.IsPublic ? new StoredDocument(PublicJson.Write(state.State.Record!), state.Etag) : null;

    public async Task<ApplyOutcome> ApplyAsync(KafkaChangeEvent change)
    {
        var position = SourcePosition.Of(change);
        if (state.State.Position is { } stored)
        {
            var order = position.CompareTo(stored);
            if (order <= 0)
            {
                metrics.Stale(_projection.Name);
                if (order == 0)
                {
                    // The very event already applied: a redelivery after a crash may have cut the single-view
                    // refresh short, so it is done again (idempotent) before the offset can be committed. No before
                    // image: every single view the record reaches is refreshed, not only those a change would touch.
                    await RefreshSingleViewsAsync(null, state.State.Record, change.Timestamp);
                }

                return ApplyOutcome.Stale;
            }
        }

        var before = state.State.Record;
        JsonObject? after;
        ApplyOutcome outcome;
        if (change.Operation == ChangeOperation.Upsert)
        {
            after = await CastAsync(change);
            if (after is null)
            {
                return ApplyOutcome.DeadLettered;
            }

            outcome = ApplyOutcome.Upserted;
        }
        else
        {
            after = before is null ? null : SoftDeleted(before);
            outcome = ApplyOutcome.Deleted;
        }

        state.State.Set(after, position, time.GetUtcNow());
        await state.WriteStateAsync();
        _served.Acknowledged();
        metrics.Applied(_projection.Name);

        await RefreshSingleViewsAsync(before, after, change.Timestamp);
        return outcome;
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

    private async Task RefreshSingleViewsAsync(JsonObject? before, JsonObject? after, DateTimeOffset changedAt)
    {
        if (_gate is { TriggersPaused: true })
        {
            // An initial load: the record is persisted; a full refresh brings the single views up to date later.
            return;
        }

        var unread = new List<string>();
        var affected = await model.Strategies.AffectedAsync(_projection.Name, before, after, resolver, unread, CancellationToken.None);
        foreach (var singleView in unread)
        {
            metrics.ChangeUnread(singleView, _projection.Name);
        }

        if (affected.Count == 0)
        {
            return;
        }

        var refreshes = new List<Task>(affected.Count);
        foreach (var target in affected)
        {
            refreshes.Add(grains.SingleView(GrainKeys.Compose(target.SingleViewName, target.Key)).RefreshAsync(changedAt));
        }

        await Task.WhenAll(refreshes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event for {Projection} '{Key}' from {Topic}/{Partition}@{Offset} dead-lettered ({Reason}): {Detail}")]
    private static partial void LogWarningDeadLettered(ILogger logger, string projection, string key, string topic, int partition, long offset, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream error for {Projection} '{Key}'")]
    private static partial void LogWarningStreamError(ILogger logger, Exception exception, string projection, string key);
}
