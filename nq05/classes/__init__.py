"""Training classes and their rosters (enrolments): scheduling, nominations, decisions, results."""
