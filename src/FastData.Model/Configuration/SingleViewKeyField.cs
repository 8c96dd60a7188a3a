namespace FastData.Model.Configuration;

/// <summary>One entry of <c>singleViewKey.json</c>: a single-view field and the base projection field it equals.</summary>
/// <param name="SingleViewField">The field of the single-view document.</param>
/// <param name="ProjectionField">The identifier field of the base projection.</param>
public sealed record SingleViewKeyField(string SingleViewField, string ProjectionField);
