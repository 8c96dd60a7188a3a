using System.Text;
using System.Text.Json;
using FastData.Grains.Abstractions;
using FastData.Grains.Storage;
using FastData.Orleans.Streaming.Kafka;
using Microsoft.Extensions.Logging;

namespace FastData.Grains.Commands;

/// <summary>
/// One command: stored before it is published (so a status can always be given), published on the system's
/// command topic at most once per id (the grain serialises submissions, so two requests with one idempotency key
/// cannot both publish), and completed by the dispatcher that executed it.
/// </summary>
public sealed partial class CommandGrain(
    [PersistentState("command", RecordStoreGrainStorage.ProviderName)] IPersistentState<CommandState> state,
    IKafkaPublisher publisher,
    TimeProvider time,
    ILogger<CommandGrain> logger) : Grain, ICommandGrain
{
    public async Task<CommandSubmitResult> SubmitAsync(CommandSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (state.RecordExists)
        {
            return new CommandSubmitResult(ToRecord(), Replayed: true, Conflict: state.State.RequestHash != submission.RequestHash);
        }

        var now = time.GetUtcNow();
        var command = state.State;
        command.System = submission.System;
        command.Type = submission.Type;
        command.Payload = submission.Payload;
        command.RequestHash = submission.RequestHash;
        command.SubmittedBy = submission.SubmittedBy;
        command.Status = CommandStatus.Accepted;
        command.AcceptedAt = now;
        command.UpdatedAt = now;
        await state.WriteStateAsync();

        var id = Id;
        try
        {
            using var payload = JsonDocument.Parse(submission.Payload);
            var envelope = new CommandEnvelope(id, submission.System, submission.Type, payload.RootElement, now);
            await publisher.PublishAsync(submission.CommandTopic, Encoding.UTF8.GetBytes(id), envelope.ToUtf8());
            command.Status = CommandStatus.Dispatched;
        }
        catch (KafkaPublishException e)
        {
            LogWarningPublishFailed(logger, id, submission.CommandTopic, e);
            command.Status = CommandStatus.Failed;
            command.Error = $"could not publish on {submission.CommandTopic}: {e.Message}";
        }

        command.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return new CommandSubmitResult(ToRecord(), Replayed: false, Conflict: false);
    }

    public async Task<CommandRecord?> CompleteAsync(string? error, int attempts)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (state.State.Status is CommandStatus.Succeeded or CommandStatus.Failed)
        {
            return ToRecord();
        }

        state.State.Status = error is null ? CommandStatus.Succeeded : CommandStatus.Failed;
        state.State.Error = error;
        state.State.Attempts = attempts;
        state.State.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return ToRecord();
    }

    public Task<CommandRecord?> GetAsync() => Task.FromResult(state.RecordExists ? ToRecord() : null);

    private string Id => GrainKeys.Split(this.GetPrimaryKeyString()).Key;

    private CommandRecord ToRecord()
    {
        var s = state.State;
        return new CommandRecord(Id, s.System!, s.Type!, s.Status, s.Error, s.Attempts, s.AcceptedAt, s.UpdatedAt, s.RequestHash ?? string.Empty);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} could not be published on {Topic}")]
    private static partial void LogWarningPublishFailed(ILogger logger, string commandId, string topic, Exception exception);
}
