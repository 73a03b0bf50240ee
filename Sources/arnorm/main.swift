print("arnorm: under construction")
