; linkproof solver query 3: core-trial
; answer: sat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |resource#exact| () Int)
(declare-fun principal () Int)
(declare-fun |goal#0| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun |on#1| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (let (($x31 (>= |action#exact| 1)))
 (not $x31)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (let (($x43 (>= |resource#exact| 0)))
 (not $x43)))
(assert
 (>= principal 0))
(assert
 (let (($x56 (>= principal 1)))
 (not $x56)))
(assert
 (let (($x80 (not |goal#0|)))
 (or $x80 (not (= |action#exact| (- 1))))))
(assert
 (let (($x39 (= |resource#exact| (- 1))))
 (let (($x80 (not |goal#0|)))
 (or $x80 $x39))))
(assert
 (let (($x80 (not |goal#0|)))
 (or $x80 |resource#0|)))
(assert
 (let (($x33 (= |action#exact| 0)))
 (let (($x80 (not |goal#0|)))
 (or $x80 $x33))))
(assert
 (let (($x76 (not |on#1|)))
 (let (($x33 (= |action#exact| 0)))
 (let (($x72 (not $x33)))
 (let (($x54 (not |resource#0|)))
 (let (($x39 (= |resource#exact| (- 1))))
 (let (($x53 (not $x39)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x78 (or $x10 $x53 $x54 $x72 $x76)))
 (let (($x80 (not |goal#0|)))
 (or $x80 $x78)))))))))))
(assert
 (let (($x80 (not |goal#0|)))
 (or $x80 |on#1|)))
(assert
 (= |action#exact| 0))
(assert
 (= |resource#exact| (- 1)))
(assert
 |resource#0|)
(assert
 (not |on#1|))
(check-sat)
