using System.Net;
using System.Text.Json.Nodes;

namespace FastData.Host.Tests;

public sealed class ObservabilityTests(FastDataHostFactory factory) : IClassFixture<FastDataHostFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_ReportsSiloAndKafkaChecks()
    {
        using var client = factory.CreateClient();

        var report = await client.GetFromJsonAsync<JsonObject>("/health/ready", Ct);

        Assert.Equal("Healthy", report!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", report["checks"]!["silo"]!["status"]!.GetValue<string>());
        Assert.Contains("embedded", report["checks"]!["kafka"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterApiAndPipelineWork_ExposeApiLatencyAndPipelineMeters()
    {
        using var reader = factory.CreateClient(FastDataHostFactory.ReaderKey);
        using var client = factory.CreateClient();
        (await reader.GetAsync(new Uri("/api/projections/customers/count", UriKind.Relative), Ct)).Dispose();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var text = string.Empty;
        do
        {
            using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (Expected.All(name => text.Contains(name, StringComparison.Ordinal)))
            {
                break;
            }
        }
        while (await poll.WaitForNextTickAsync(timeout.Token));

        Assert.All(Expected, name => Assert.Contains(name, text, StringComparison.Ordinal));
    }

    /// <summary>API latency, and the pipeline's own meters that the sample feed's work must have moved.</summary>
    private static readonly string[] Expected =
    [
        "http_server_request_duration",
        "fastdata_projection_events_applied",
        "fastdata_single_view_refresh_requests",
        "fastdata_single_view_aggregations",
        "fastdata_kafka_records_delivered",
    ];
}
