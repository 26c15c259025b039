Gem::Specification.new do |spec|
  spec.name = 'greeting'
  spec.version = '1.0.0'
  spec.summary = 'A vendored example dependency'
  spec.authors = ['kubeless-ts']
  spec.files = ['lib/greeting.rb']
  spec.license = 'Apache-2.0'
end
