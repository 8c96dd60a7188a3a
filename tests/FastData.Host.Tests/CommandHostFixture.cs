namespace FastData.Host.Tests;

/// <summary>A host with three command systems: crm (kafka executor), shipping (http, answers 200) and billing
/// (http, answers 500; 3 attempts with a short backoff).</summary>
public sealed class CommandHostFixture : IAsyncLifetime
{
    public const string OutboundTopic = "test.outbound.crm";

    public CommandStubServer Stub { get; private set; } = null!;

    public FastDataHostFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Stub = await CommandStubServer.StartAsync();
        Factory = new FastDataHostFactory()
            .With("FastData:SampleFeed:Enabled", "false")
            .With("FastData:Api:MaxRequestBodyBytes", "4096")
            .With("FastData:Commands:Systems:crm:Executor:Kind", "kafka")
            .With("FastData:Commands:Systems:crm:Executor:Topic", OutboundTopic)
            .With("FastData:Commands:Systems:crm:Types:update-email:Required:0", "CUSTOMER_ID")
            .With("FastData:Commands:Systems:crm:Types:update-email:Required:1", "EMAIL")
            .With("FastData:Commands:Systems:crm:Types:update-email:Properties:CUSTOMER_ID", "integer")
            .With("FastData:Commands:Systems:crm:Types:update-email:Properties:EMAIL", "string")
            .With("FastData:Commands:Systems:crm:Types:update-email:Properties:TAGS", "array")
            .With("FastData:Commands:Systems:shipping:Executor:Kind", "http")
            .With("FastData:Commands:Systems:shipping:Executor:Url", $"{Stub.BaseUrl}/ok")
            .With("FastData:Commands:Systems:shipping:Types:ship:Properties:ORDER_ID", "integer")
            .With("FastData:Commands:Systems:billing:Executor:Kind", "http")
            .With("FastData:Commands:Systems:billing:Executor:Url", $"{Stub.BaseUrl}/fail")
            .With("FastData:Commands:Systems:billing:Executor:MaxAttempts", "3")
            .With("FastData:Commands:Systems:billing:Executor:InitialBackoffMilliseconds", "20")
            .With("FastData:Commands:Systems:billing:Executor:MaxBackoffMilliseconds", "50")
            .With("FastData:Commands:Systems:billing:Types:charge:Properties:AMOUNT", "number");
        Factory.CreateClient().Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
