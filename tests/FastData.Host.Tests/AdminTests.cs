using System.Net;
using System.Text.Json.Nodes;

namespace FastData.Host.Tests;

public sealed class AdminTests(FastDataHostFactory factory) : IClassFixture<FastDataHostFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_Admin_ReportsKafkaLagDeadLettersSilosAndGrains()
    {
        using var client = factory.CreateClient(FastDataHostFactory.AdminKey);

        var status = await client.GetFromJsonAsync<JsonObject>("/api/admin/status", Ct);

        var kafka = status!["kafka"]!;
        Assert.False(string.IsNullOrEmpty(kafka["bootstrapServers"]!.GetValue<string>()));
        Assert.True(kafka["embedded"]!.GetValue<bool>());
        Assert.Null(kafka["error"]);
        var partitions = kafka["partitions"]!.AsArray();
        Assert.Contains(partitions, p => p!["topic"]!.GetValue<string>() == "retail.public.customers");
        Assert.All(partitions, p => Assert.True(p!["lag"]!.GetValue<long>() >= 0));
        Assert.Equal("fastdata-dead-letters", kafka["deadLetters"]!["topic"]!.GetValue<string>());
        Assert.Equal("Active", Assert.Single(status["cluster"]!["silos"]!.AsArray())!["status"]!.GetValue<string>());
        Assert.True(status["cluster"]!["activeGrains"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("GET", "/api/admin/status")]
    [InlineData("POST", "/api/admin/single-views/customer-360/refresh")]
    [InlineData("POST", "/api/admin/pipeline/pause")]
    [InlineData("POST", "/api/admin/projections/products/pause")]
    public async Task Admin_WriterKey_Answers403(string method, string path)
    {
        using var client = factory.CreateClient(FastDataHostFactory.WriterKey);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await SecurityTests.ProblemAsync(response);
    }

    [Fact]
    public async Task Refresh_SingleView_RunsToCompletionWithProgress()
    {
        using var client = factory.CreateClient(FastDataHostFactory.AdminKey);

        using var start = await client.PostAsync(new Uri("/api/admin/single-views/product-sales/refresh?maxConcurrency=4", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal("/api/admin/single-views/product-sales/refresh", start.Headers.Location!.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        JsonObject progress;
        do
        {
            await Task.Yield();
            progress = (await client.GetFromJsonAsync<JsonObject>("/api/admin/single-views/product-sales/refresh", timeout.Token))!;
        }
        while (progress["status"]!.ToString() is "Running" or "0" or "1" && !timeout.IsCancellationRequested);

        Assert.Equal(4, progress["maxConcurrency"]!.GetValue<int>());
        Assert.True(progress["enumerationComplete"]!.GetValue<bool>(), $"the refresh should have listed every key: {progress}");
    }

    [Theory]
    [InlineData("/api/admin/single-views/no-such/refresh", HttpStatusCode.NotFound)]
    [InlineData("/api/admin/single-views/customer-360/refresh?maxConcurrency=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/admin/single-views/customer-360/refresh?maxConcurrency=many", HttpStatusCode.BadRequest)]
    [InlineData("/api/admin/projections/no-such/pause", HttpStatusCode.NotFound)]
    [InlineData("/api/admin/projections/no-such/resume", HttpStatusCode.NotFound)]
    public async Task Admin_BadInput_AnswersProblem(string path, HttpStatusCode expected)
    {
        using var client = factory.CreateClient(FastDataHostFactory.AdminKey);

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null, Ct);

        Assert.Equal(expected, response.StatusCode);
        await SecurityTests.ProblemAsync(response);
    }

    [Fact]
    public async Task PauseThenResume_ChangesTheTriggerSetting()
    {
        using var client = factory.CreateClient(FastDataHostFactory.AdminKey);

        using var paused = await client.PostAsync(new Uri("/api/admin/pipeline/pause", UriKind.Relative), null, Ct);
        var whilePaused = await client.GetFromJsonAsync<JsonObject>("/api/admin/pipeline", Ct);
        using var resumed = await client.PostAsync(new Uri("/api/admin/pipeline/resume?refresh=false", UriKind.Relative), null, Ct);

        Assert.True(whilePaused!["paused"]!.GetValue<bool>());
        var after = await resumed.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.False(after!["paused"]!.GetValue<bool>());
        Assert.True(after["version"]!.GetValue<long>() > whilePaused["version"]!.GetValue<long>());
    }
}
