# A vendored example dependency.
module Greeting
  def self.for(name)
    "Hello, #{name}!"
  end
end
