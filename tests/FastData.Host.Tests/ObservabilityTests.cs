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
            if (text.Contains("http_server_request_duration", StringComparison.Ordinal) && text.Contains("fastdata_", StringComparison.Ordinal))
            {
                break;
            }
        }
        while (await poll.WaitForNextTickAsync(timeout.Token));

        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        Assert.Contains("fastdata_", text, StringComparison.Ordinal);
    }
}
