using System.Text.Json;
using Confluent.Kafka;
using FastData.Grains.Commands;
using FastData.Host.Hosting;
using FastData.Orleans.Streaming.Kafka;
using Microsoft.Extensions.Options;

namespace FastData.Host.Commands;

/// <summary>
/// Consumes every system's command topic and executes each command with its system's executor, retrying with
/// exponential backoff, then records the outcome in the command's grain. A record's offset is stored only once its
/// command has an outcome, so a crash re-executes at most the commands in flight (executors receive the command id
/// as idempotency key). Commands are executed one at a time, in topic order.
/// </summary>
public sealed partial class CommandDispatcher(
    CommandCatalog catalog,
    KafkaEndpoint kafka,
    IOptions<KafkaHostOptions> kafkaOptions,
    IKafkaPublisher publisher,
    IHttpClientFactory httpClients,
    IGrainFactory grains,
    ILogger<CommandDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "fastdata-commands";

    private readonly Dictionary<string, ICommandExecutor> _executors = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = catalog.Options;
        if (options.Systems.Count == 0)
        {
            return;
        }

        foreach (var (system, systemOptions) in options.Systems)
        {
            var executor = systemOptions.Executor;
            _executors[system] = CommandCatalog.IsKafka(executor)
                ? new KafkaCommandExecutor(publisher, executor.Topic!)
                : new HttpCommandExecutor(httpClients.CreateClient(HttpClientName), new Uri(executor.Url!), TimeSpan.FromSeconds(executor.TimeoutSeconds));
        }

        var config = new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = options.ConsumerGroupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
        };
        foreach (var (key, value) in kafkaOptions.Value.Settings)
        {
            config.Set(key, value);
        }

        // Consume blocks its thread: keep it off the threads that serve requests and grains.
        await Task.Factory.StartNew(() => RunAsync(config, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task RunAsync(ConsumerConfig config, CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe(catalog.Options.Systems.Keys.Select(catalog.Options.TopicOf));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<byte[], byte[]>? record;
                try
                {
                    record = consumer.Consume(TimeSpan.FromMilliseconds(250));
                }
                catch (ConsumeException e)
                {
                    LogWarningConsume(logger, e.Error.Reason);
                    continue;
                }

                if (record?.Message is null)
                {
                    continue;
                }

                await HandleAsync(record, stoppingToken);
                consumer.StoreOffset(record);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleAsync(ConsumeResult<byte[], byte[]> record, CancellationToken stoppingToken)
    {
        CommandEnvelope command;
        try
        {
            command = CommandEnvelope.Parse(record.Message.Value);
        }
        catch (JsonException e)
        {
            LogWarningNotACommand(logger, record.TopicPartitionOffset.ToString(), e.Message);
            return;
        }

        using var activity = Observability.FastDataTelemetry.Commands.StartActivity("command execute", System.Diagnostics.ActivityKind.Consumer);
        activity?.SetTag("fastdata.command.id", command.Id);
        activity?.SetTag("fastdata.command.system", command.System);
        activity?.SetTag("fastdata.command.type", command.Type);
        var grain = grains.GetGrain<ICommandGrain>(CommandKeys.GrainKey(command.Id));
        if (await grain.GetAsync() is { Status: CommandStatus.Succeeded or CommandStatus.Failed })
        {
            return;
        }

        if (!_executors.TryGetValue(command.System, out var executor))
        {
            await grain.CompleteAsync($"no executor is configured for system '{command.System}'", 0);
            return;
        }

        var settings = catalog.Options.Systems[command.System].Executor;
        var attempts = 0;
        var backoff = TimeSpan.FromMilliseconds(settings.InitialBackoffMilliseconds);
        while (true)
        {
            attempts++;
            try
            {
                await executor.ExecuteAsync(command, stoppingToken);
                LogInformationExecuted(logger, command.Id, command.System, command.Type, attempts);
                await grain.CompleteAsync(null, attempts);
                Observability.FastDataTelemetry.RecordCommand(command.System, succeeded: true, attempts);
                return;
            }
            catch (CommandExecutionException e) when (e.Retryable && attempts < settings.MaxAttempts)
            {
                LogWarningRetry(logger, command.Id, attempts, settings.MaxAttempts, backoff.TotalMilliseconds, e.Message);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, settings.MaxBackoffMilliseconds));
            }
            catch (CommandExecutionException e)
            {
                var error = e.Retryable ? $"{e.Message} (gave up after {attempts} attempts)" : $"{e.Message} (not retried)";
                LogWarningFailed(logger, command.Id, command.System, command.Type, error);
                await grain.CompleteAsync(error, attempts);
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error);
                Observability.FastDataTelemetry.RecordCommand(command.System, succeeded: false, attempts);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command consumer: {Reason}")]
    private static partial void LogWarningConsume(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Position}: not a command envelope ({Reason})")]
    private static partial void LogWarningNotACommand(ILogger logger, string position, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} ({System}/{Type}) executed after {Attempts} attempt(s)")]
    private static partial void LogInformationExecuted(ILogger logger, string commandId, string system, string type, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId}: attempt {Attempt} of {MaxAttempts} failed, retrying in {BackoffMs} ms: {Reason}")]
    private static partial void LogWarningRetry(ILogger logger, string commandId, int attempt, int maxAttempts, double backoffMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} ({System}/{Type}) failed: {Error}")]
    private static partial void LogWarningFailed(ILogger logger, string commandId, string system, string type, string error);
}
