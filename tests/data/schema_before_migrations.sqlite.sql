-- The SQLite schema that create_all made before migrations existed (commit 0735c63): db/migrations stamps it 0001.
CREATE TABLE users (
	id INTEGER NOT NULL, 
	external_id VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (external_id)
);
CREATE TABLE watch_events (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	movie_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	stated_at DATETIME NOT NULL, 
	source VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_watch_user_movie UNIQUE (user_id, movie_id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_watch_events_user_id ON watch_events (user_id);
CREATE TABLE recommendation_turns (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	request TEXT NOT NULL, 
	prompt TEXT NOT NULL, 
	mode VARCHAR(20) NOT NULL, 
	model_version VARCHAR(200) NOT NULL, 
	adapter_version VARCHAR(200) NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_recommendation_turns_user_id ON recommendation_turns (user_id);
CREATE TABLE recommended_movies (
	id INTEGER NOT NULL, 
	turn_id INTEGER NOT NULL, 
	rank INTEGER NOT NULL, 
	movie_id INTEGER NOT NULL, 
	source VARCHAR(10) NOT NULL, 
	score FLOAT NOT NULL, 
	reason TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_recommended_turn_rank UNIQUE (turn_id, rank), 
	FOREIGN KEY(turn_id) REFERENCES recommendation_turns (id) ON DELETE CASCADE
);
CREATE INDEX ix_recommended_movies_turn_id ON recommended_movies (turn_id);
CREATE TABLE feedback (
	id INTEGER NOT NULL, 
	recommended_id INTEGER NOT NULL, 
	value INTEGER NOT NULL, 
	comment TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_feedback_value CHECK (value IN (-1, 1)), 
	UNIQUE (recommended_id), 
	FOREIGN KEY(recommended_id) REFERENCES recommended_movies (id) ON DELETE CASCADE
);
