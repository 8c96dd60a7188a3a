using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using FastData.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FastData.Host.Tests;

public sealed class CommandTests(CommandHostFixture fixture) : IClassFixture<CommandHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Command_KafkaExecutor_IsPublishedOutboundAndSucceeds()
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);

        using var response = await PostAsync(client, "/api/commands/crm/update-email", """{"CUSTOMER_ID":7,"EMAIL":"new@example.org"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var id = accepted!["id"]!.GetValue<string>();
        Assert.Equal($"/api/commands/{id}", response.Headers.Location!.ToString());
        Assert.Contains(accepted["status"]!.GetValue<string>(), new[] { "Dispatched", "Succeeded" });
        var done = await WaitForOutcomeAsync(client, id);
        Assert.Equal("Succeeded", done["status"]!.GetValue<string>());
        Assert.Equal(1, done["attempts"]!.GetValue<int>());

        var outbound = ConsumeOutbound(id);
        Assert.Equal(7, JsonNode.Parse(outbound)!["CUSTOMER_ID"]!.GetValue<int>());
    }

    [Fact]
    public async Task Command_HttpExecutorAnswering200_SucceedsAndSendsTheCommandIdAsIdempotencyKey()
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);

        using var response = await PostAsync(client, "/api/commands/shipping/ship", """{"ORDER_ID":1}""");
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        var done = await WaitForOutcomeAsync(client, id);

        Assert.Equal("Succeeded", done["status"]!.GetValue<string>());
        Assert.Equal(1, fixture.Stub.Count("ok", id));
    }

    [Fact]
    public async Task Command_HttpExecutorAnswering500_FailsAfterTheConfiguredAttemptsWithTheError()
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);

        using var response = await PostAsync(client, "/api/commands/billing/charge", """{"AMOUNT":9.5}""");
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        var done = await WaitForOutcomeAsync(client, id);

        Assert.Equal("Failed", done["status"]!.GetValue<string>());
        Assert.Equal(3, done["attempts"]!.GetValue<int>());
        Assert.Contains("answered 500", done["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("after 3 attempts", done["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, fixture.Stub.Count("fail", id));
    }

    [Fact]
    public async Task Command_RepeatedIdempotencyKey_ReturnsTheFirstCommandWithoutExecutingAgain()
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, "/api/commands/shipping/ship", """{"ORDER_ID":2}""", key);
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        await WaitForOutcomeAsync(client, id);
        using var second = await PostAsync(client, "/api/commands/shipping/ship", """{"ORDER_ID":2}""", key);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var replay = await second.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal(id, replay!["id"]!.GetValue<string>());
        Assert.Equal("Succeeded", replay["status"]!.GetValue<string>());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, fixture.Stub.Count("ok", id));
    }

    [Fact]
    public async Task Command_IdempotencyKeyReusedForAnotherBody_Answers409()
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, "/api/commands/shipping/ship", """{"ORDER_ID":3}""", key);
        using var second = await PostAsync(client, "/api/commands/shipping/ship", """{"ORDER_ID":4}""", key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        await SecurityTests.ProblemAsync(second);
    }

    [Theory]
    [InlineData("""{"CUSTOMER_ID":7,"EMAIL":""", "Malformed JSON", null)]
    [InlineData("""{"CUSTOMER_ID":"seven","EMAIL":"a@b"}""", "Invalid command", "$.CUSTOMER_ID")]
    [InlineData("""{"CUSTOMER_ID":7.5,"EMAIL":"a@b"}""", "Invalid command", "$.CUSTOMER_ID")]
    [InlineData("""{"CUSTOMER_ID":7}""", "Invalid command", "$.EMAIL")]
    [InlineData("""{"CUSTOMER_ID":7,"EMAIL":null}""", "Invalid command", "$.EMAIL")]
    [InlineData("""{"CUSTOMER_ID":7,"EMAIL":"a@b","$where":"1"}""", "Invalid command", "$.$where")]
    [InlineData("""{"CUSTOMER_ID":7,"EMAIL":"a@b","TAGS":"x"}""", "Invalid command", "$.TAGS")]
    [InlineData("""[1,2]""", "Invalid command", "$")]
    public async Task Command_BadBody_Answers400Problem(string body, string title, string? errorPath)
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);

        using var response = await PostAsync(client, "/api/commands/crm/update-email", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await SecurityTests.ProblemAsync(response);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        if (errorPath is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(errorPath, out _), $"errors should name {errorPath}: {problem}");
        }
    }

    [Theory]
    [InlineData("/api/commands/nope/update-email", HttpStatusCode.NotFound)]
    [InlineData("/api/commands/crm/nope", HttpStatusCode.NotFound)]
    public async Task Command_UnknownSystemOrType_Answers404Problem(string path, HttpStatusCode expected)
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);

        using var response = await PostAsync(client, path, "{}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("Configured:", (await SecurityTests.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_NotJson_Answers415Problem()
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);

        using var response = await client.PostAsync(new Uri("/api/commands/crm/update-email", UriKind.Relative), new StringContent("CUSTOMER_ID=7", Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await SecurityTests.ProblemAsync(response);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Command_BodyOverTheLimit_Answers413Problem(bool declaredLength)
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.WriterKey);
        var body = Encoding.UTF8.GetBytes($$"""{"CUSTOMER_ID":7,"EMAIL":"{{new string('x', 5000)}}"}""");
        HttpContent content = declaredLength ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/api/commands/crm/update-email", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4096", (await SecurityTests.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(FastDataHostFactory.ReaderKey, HttpStatusCode.Forbidden)]
    public async Task Command_KeyMissingOrRoleTooLow_IsRefused(string? key, HttpStatusCode expected)
    {
        using var client = key is null ? fixture.Factory.CreateClient() : fixture.Factory.CreateClient(key);

        using var post = await PostAsync(client, "/api/commands/crm/update-email", """{"CUSTOMER_ID":7,"EMAIL":"a@b"}""");
        using var get = await client.GetAsync(new Uri("/api/commands/0123456789abcdef", UriKind.Relative), Ct);

        Assert.Equal(expected, post.StatusCode);
        Assert.Equal(expected, get.StatusCode);
        await SecurityTests.ProblemAsync(post);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    public async Task Command_UnknownId_Answers404Problem(string id)
    {
        using var client = fixture.Factory.CreateClient(FastDataHostFactory.AdminKey);

        using var response = await client.GetAsync(new Uri($"/api/commands/{id}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await SecurityTests.ProblemAsync(response);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonObject> WaitForOutcomeAsync(HttpClient client, string id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var last = "(no answer)";
        try
        {
            do
            {
                var command = await client.GetFromJsonAsync<JsonObject>($"/api/commands/{id}", timeout.Token);
                last = command!.ToJsonString();
                if (command["status"]!.GetValue<string>() is "Succeeded" or "Failed")
                {
                    return command;
                }
            }
            while (await poll.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"command {id} did not reach Succeeded or Failed within 30 s; last status: {last}");
    }

    private string ConsumeOutbound(string commandId)
    {
        var kafka = fixture.Factory.Services.GetRequiredService<KafkaEndpoint>();
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(CommandHostFixture.OutboundTopic);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record?.Message?.Key == commandId)
            {
                return record.Message.Value;
            }
        }

        throw new TimeoutException($"no record keyed {commandId} on {CommandHostFixture.OutboundTopic} within 30 s");
    }

    /// <summary>A body of unknown length, sent chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>The per-key command rate limit.</summary>
public sealed class CommandRateLimitTests : IAsyncLifetime
{
    private FastDataHostFactory _factory = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new FastDataHostFactory()
            .With("FastData:SampleFeed:Enabled", "false")
            .With("FastData:Api:CommandRateLimit", "2")
            .With("FastData:Api:CommandRateWindowSeconds", "60")
            .With("FastData:Commands:Systems:crm:Executor:Kind", "kafka")
            .With("FastData:Commands:Systems:crm:Executor:Topic", "test.outbound.rate")
            .With("FastData:Commands:Systems:crm:Types:ping:AdditionalProperties", "true");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Commands_OverTheRateLimit_Answer429ProblemWithRetryAfter()
    {
        using var client = _factory.CreateClient(FastDataHostFactory.WriterKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.PostAsync(new Uri("/api/commands/crm/ping", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
        await SecurityTests.ProblemAsync(last);
        last.Dispose();
    }
}
