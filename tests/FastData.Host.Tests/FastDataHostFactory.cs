using FastData.Host.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FastData.Host.Tests;

/// <summary>The real host in-process, on its own silo and gateway ports, with one key per role configured
/// (the admin key given as a hash, as an operator would).</summary>
public class FastDataHostFactory : WebApplicationFactory<Program>
{
    public const string ReaderKey = "reader-key-0123456789";
    public const string WriterKey = "writer-key-0123456789";
    public const string AdminKey = "admin-key-0123456789";

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["FastData:Silo:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FastData:Silo:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public FastDataHostFactory()
        : this(withKeys: true)
    {
    }

    protected FastDataHostFactory(bool withKeys)
    {
        if (withKeys)
        {
            _settings["FastData:ApiKeys:0:Key"] = ReaderKey;
            _settings["FastData:ApiKeys:0:Role"] = "reader";
            _settings["FastData:ApiKeys:1:Key"] = WriterKey;
            _settings["FastData:ApiKeys:1:Role"] = "writer";
            _settings["FastData:ApiKeys:2:Hash"] = ApiKeyRegistry.FormatHash(AdminKey);
            _settings["FastData:ApiKeys:2:Role"] = "admin";
            _settings["FastData:ApiKeys:2:Name"] = "ops";
        }
    }

    /// <summary>Adds settings before the host starts (call before the first client is created).</summary>
    public FastDataHostFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>A client that sends <paramref name="apiKey"/> in X-Api-Key on every request.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiPolicies.HeaderName, apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The default run: no key configured, so the host generates one admin key.</summary>
public sealed class NoKeyHostFactory : FastDataHostFactory
{
    public NoKeyHostFactory()
        : base(withKeys: false)
    {
    }
}
