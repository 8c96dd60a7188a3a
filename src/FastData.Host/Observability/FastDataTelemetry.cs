using System.Diagnostics;
using FastData.Grains.Pipeline;
using FastData.Orleans.Persistence.MongoDB;
using FastData.Orleans.Streaming.Kafka;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FastData.Host.Observability;

/// <summary>
/// Metrics and traces. Metrics (the pipeline, Kafka, MongoDB storage, commands, ASP.NET Core request durations,
/// Orleans and the runtime) are served for Prometheus at <c>/metrics</c>. Traces follow a request from ASP.NET Core
/// through Orleans grain calls and the FastData sources; they are exported with OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class FastDataTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The host's own activity source (command execution).</summary>
    public static readonly ActivitySource Commands = new("FastData.Commands");

    private static readonly System.Diagnostics.Metrics.Meter CommandsMeter = new("FastData.Commands");
    private static readonly System.Diagnostics.Metrics.Counter<long> CommandsCompleted =
        CommandsMeter.CreateCounter<long>("fastdata.commands.completed", description: "Commands that reached Succeeded or Failed, by system and outcome");
    private static readonly System.Diagnostics.Metrics.Histogram<int> CommandAttempts =
        CommandsMeter.CreateHistogram<int>("fastdata.commands.attempts", description: "Executor attempts a command took");

    /// <summary>Counts a finished command.</summary>
    public static void RecordCommand(string system, bool succeeded, int attempts)
    {
        var tags = new TagList { { "system", system }, { "outcome", succeeded ? "succeeded" : "failed" } };
        CommandsCompleted.Add(1, tags);
        CommandAttempts.Record(attempts, tags);
    }

    public static IServiceCollection AddFastDataTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineMetrics.MeterName, KafkaMetrics.MeterName, MongoDBStorageMetrics.MeterName, "FastData.*", "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
            });

        // Traces only when they have somewhere to go: recording a span for every request and every grain call with no
        // exporter cost the API a large share of its read throughput.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource("FastData.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter());
        }

        return services;
    }
}
