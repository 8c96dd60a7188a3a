using FastData.Model.Configuration;

namespace FastData.Host.Hosting;

/// <summary>The configuration folder the host loaded at start-up, and the model it holds.</summary>
public sealed record LoadedConfiguration(string Folder, FastDataModel Model);
